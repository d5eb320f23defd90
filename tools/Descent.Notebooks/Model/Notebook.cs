using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Notebooks.Model;

/// <summary>
/// An nbformat 4.x notebook (.ipynb). Reading and writing are lossless: every field the engine does not
/// interpret (notebook and cell metadata, cell ids, attachments, unknown keys) is kept as read, and
/// <see cref="ToJson"/> writes deterministic JSON (sorted keys, one-space indent, trailing newline) as nbformat does.
/// </summary>
public sealed class Notebook
{
    private readonly JsonObject _json;   // everything except "cells"

    private Notebook(JsonObject json, List<NotebookCell> cells)
    {
        _json = json;
        Cells = cells;
    }

    /// <summary>A new, empty C# notebook (nbformat 4.5) with Polyglot-compatible metadata.</summary>
    public static Notebook CreateNew() => new(
        new JsonObject
        {
            ["metadata"] = PolyglotMetadata.NewNotebookMetadata(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }, []);

    /// <summary>The cells, in order.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>The file this notebook was loaded from or last saved to, if any (not part of the file).</summary>
    public string? FilePath { get; set; }

    /// <summary>nbformat major version (always 4).</summary>
    public int FormatVersion => _json["nbformat"]!.GetValue<int>();

    /// <summary>nbformat minor version (cell ids exist from 4.5 on).</summary>
    public int FormatMinorVersion
    {
        get => _json["nbformat_minor"] is JsonValue v ? v.GetValue<int>() : 0;
        set => _json["nbformat_minor"] = value;
    }

    /// <summary>Notebook metadata (a live object: edits are saved).</summary>
    public JsonObject Metadata
    {
        get
        {
            if (_json["metadata"] is JsonObject m) return m;
            var created = new JsonObject();
            _json["metadata"] = created;
            return created;
        }
    }

    /// <summary>The notebook's default cell language (normalised, e.g. <c>csharp</c>), or null if its metadata does not say.</summary>
    public string? DefaultLanguage => PolyglotMetadata.DefaultLanguage(Metadata);

    /// <summary>The language a cell runs in: its own metadata, else the notebook's default, else C#.</summary>
    public string LanguageOf(NotebookCell cell) => cell.Language ?? DefaultLanguage ?? PolyglotMetadata.CSharpKernelName;

    /// <summary>The code cells, in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);

    /// <summary>Appends a code cell (with a fresh id when the notebook's format has ids) and returns it.</summary>
    public NotebookCell AddCode(string source)
    {
        var cell = NotebookCell.Code(source);
        if (FormatMinorVersion < 5) cell.Id = null;
        Cells.Add(cell);
        return cell;
    }

    /// <summary>Appends a markdown cell and returns it.</summary>
    public NotebookCell AddMarkdown(string source)
    {
        var cell = NotebookCell.Markdown(source);
        if (FormatMinorVersion < 5) cell.Id = null;
        Cells.Add(cell);
        return cell;
    }

    /// <summary>A top-level property other than the ones above (unknown keys are kept as read).</summary>
    public JsonNode? GetProperty(string name) => _json[name];

    /// <summary>Removes every output and execution count.</summary>
    public void ClearOutputs()
    {
        foreach (var cell in Cells) cell.ClearOutputs();
    }

    /// <summary>A deep copy (keeps <see cref="FilePath"/>).</summary>
    public Notebook Clone() => new((JsonObject)_json.DeepClone(), Cells.Select(c => c.Clone()).ToList()) { FilePath = FilePath };

    /// <summary>The notebook as an nbformat JSON object (a new object).</summary>
    public JsonObject ToJsonObject()
    {
        var json = (JsonObject)_json.DeepClone();
        json["cells"] = new JsonArray(Cells.Select(c => (JsonNode?)c.ToJson()).ToArray());
        return json;
    }

    /// <summary>The notebook as deterministic nbformat JSON text, ending with a newline.</summary>
    public string ToJson() => NotebookJson.Serialize(ToJsonObject());

    /// <summary>Writes the notebook atomically (a temporary file, then a rename) and sets <see cref="FilePath"/>.</summary>
    public void Save(string path)
    {
        AtomicFile.WriteAllText(path, ToJson());
        FilePath = Path.GetFullPath(path);
    }

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NotebookFormatException">The file is not valid JSON or not an nbformat 4 notebook; the message names the file and position.</exception>
    public static Notebook Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"Notebook not found: {path}", full);
        var bytes = File.ReadAllBytes(full);
        // nbformat files are UTF-8; a file saved in another encoding (Latin-1, UTF-16) says so rather than failing in JSON.
        var invalid = FirstInvalidUtf8(bytes);
        if (invalid >= 0)
        {
            var line = 1 + bytes.AsSpan(0, invalid).Count((byte)'\n');
            throw new NotebookFormatException(
                $"{path}: not UTF-8 (byte 0x{bytes[invalid]:X2} at line {line}); notebooks are UTF-8 text: re-save the file as UTF-8 " +
                "(e.g. `iconv -f latin1 -t utf-8`) and try again.", path, line);
        }
        var notebook = Parse(bytes, path);
        notebook.FilePath = full;
        return notebook;
    }

    /// <summary>Reads a notebook from JSON text. <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="NotebookFormatException">Not valid JSON, or not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json, string? sourceName = null) => Parse(Encoding.UTF8.GetBytes(json), sourceName);

    /// <summary>Reads a notebook from UTF-8 JSON bytes. <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="NotebookFormatException">Not valid JSON, or not an nbformat 4 notebook.</exception>
    public static Notebook Parse(ReadOnlySpan<byte> utf8Json, string? sourceName = null)
    {
        string name = sourceName ?? "notebook";
        if (utf8Json is [0xEF, 0xBB, 0xBF, ..]) utf8Json = utf8Json[3..];
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json, documentOptions: NotebookJson.ReaderOptions);
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, column = (e.BytePositionInLine ?? 0) + 1;
            throw new NotebookFormatException(
                $"{name}: not valid JSON at line {line}, column {column}: {FirstSentence(e.Message)}", sourceName, line, column, e);
        }
        catch (ArgumentException e)
        {
            throw new NotebookFormatException($"{name}: not valid notebook JSON: {e.Message}", sourceName, inner: e);
        }
        if (root is not JsonObject obj)
            throw new NotebookFormatException($"{name}: a notebook must be a JSON object.", sourceName);
        try
        {
            return FromJsonObject(obj);
        }
        catch (NotebookFormatException e)
        {
            throw new NotebookFormatException($"{name}: {e.Message}", sourceName, inner: e);
        }
    }

    /// <summary>Reads a notebook from a parsed nbformat object (a deep copy is taken).</summary>
    /// <exception cref="NotebookFormatException">The object is not an nbformat 4 notebook.</exception>
    public static Notebook FromJson(JsonObject json) => FromJsonObject((JsonObject)json.DeepClone());

    private static Notebook FromJsonObject(JsonObject obj)
    {
        if (!obj.ContainsKey("nbformat"))
            throw new NotebookFormatException("'nbformat' is missing: this is not a Jupyter notebook.");
        var major = obj["nbformat"];
        if (major is not JsonValue || major.GetValueKind() != JsonValueKind.Number)
            throw new NotebookFormatException(
                $"'nbformat' is {major?.ToJsonString() ?? "null"}, but it must be the number 4 (written without quotes): \"nbformat\": 4.");
        var written = major.ToJsonString();
        if (!written.All(char.IsAsciiDigit))
            throw new NotebookFormatException($"'nbformat' is {written}, but it must be a whole number (4 for the notebooks the engine reads): \"nbformat\": 4.");
        if (written != "4")
            throw new NotebookFormatException(
                $"nbformat {written} is not supported; the engine reads nbformat 4 (convert with `jupyter nbconvert --to notebook --nbformat 4`).");
        if (obj["nbformat_minor"] is not null and not JsonValue)
            throw new NotebookFormatException("'nbformat_minor' must be a number.");
        if (obj["metadata"] is not null and not JsonObject)
            throw new NotebookFormatException("'metadata' must be an object.");
        if (obj["cells"] is not JsonArray cellsArray)
            throw new NotebookFormatException("'cells' is missing or not a list.");
        var cells = new List<NotebookCell>(cellsArray.Count);
        for (int i = 0; i < cellsArray.Count; i++)
        {
            if (cellsArray[i] is not JsonObject cellObj)
                throw new NotebookFormatException($"cell {i + 1}: a cell must be an object.");
            cells.Add(NotebookCell.Parse((JsonObject)cellObj.DeepClone(), i));
        }
        obj.Remove("cells");
        return new Notebook(obj, cells);
    }

    /// <summary>The offset of the first byte that is not part of valid UTF-8.</summary>
    private static int FirstInvalidUtf8(byte[] bytes)
    {
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? -1 : read;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
