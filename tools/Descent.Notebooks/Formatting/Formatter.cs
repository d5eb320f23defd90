using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Descent.Notebooks.Model;
using Descent.Notebooks.Scripting;
using MathNet.Numerics.LinearAlgebra;

namespace Descent.Notebooks.Formatting;

/// <summary>
/// Turns a value into a Jupyter mime bundle:
/// Plotly.NET charts as <c>application/vnd.plotly.v1+json</c> plus a <c>text/html</c> fallback (see <see cref="PlotlyHtml"/>);
/// MathNet vectors and matrices, sequences of records, tuples or objects, dictionaries and 2-D arrays as HTML tables
/// (first rows plus a count) and aligned plain text; numbers with round-trip precision; strings as <c>text/plain</c>
/// only; <see cref="HtmlContent"/> as <c>text/html</c>; everything else as <c>text/plain</c> and <c>text/html</c>.
/// </summary>
public sealed class Formatter
{
    private readonly List<(Type Type, Func<object, Formatter, MimeBundle?> Format)> _custom = [];

    /// <summary>A formatter with the given options (defaults when null).</summary>
    public Formatter(FormatterOptions? options = null) => Options = options ?? FormatterOptions.Default;

    /// <summary>The options in force.</summary>
    public FormatterOptions Options { get; }

    /// <summary>
    /// Registers a formatter for values of type <typeparamref name="T"/> (and derived types), tried before the built-in
    /// ones; the latest registration wins. Return null to fall back to the built-in formatting.
    /// </summary>
    public void Register<T>(Func<T, Formatter, MimeBundle?> format)
    {
        lock (_custom) _custom.Insert(0, (typeof(T), (o, f) => format((T)o, f)));
    }

    /// <summary>
    /// The mime bundle for <paramref name="value"/>. When <paramref name="mimeTypes"/> is not empty, only those types are
    /// kept (a string shown as <c>text/html</c> or another type is taken as that representation, verbatim).
    /// </summary>
    public MimeBundle Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        mimeTypes ??= [];
        if (value is string s && mimeTypes.Count > 0)
        {
            var verbatim = new MimeBundle();
            foreach (var m in mimeTypes) verbatim.SetText(m, s);
            return verbatim;
        }
        var bundle = FormatAll(value);
        if (mimeTypes.Count == 0) return bundle;
        var kept = bundle.Only(mimeTypes);
        var plain = bundle.GetText("text/plain") ?? ValueText.Of(value);
        foreach (var m in mimeTypes)
            if (!kept.Contains(m) && !MimeBundle.IsJsonMimeType(m)) kept.SetText(m, m == "text/html" ? Pre(plain) : plain);
        return kept;
    }

    private MimeBundle FormatAll(object? value)
    {
        if (value is not null)
        {
            Func<object, Formatter, MimeBundle?>[] custom;
            lock (_custom) custom = _custom.Where(c => c.Type.IsInstanceOfType(value)).Select(c => c.Format).ToArray();
            foreach (var f in custom)
                if (f(value, this) is { } b) return b;
        }
        switch (value)
        {
            case null:
                return MimeBundle.PlainText("<null>");
            case string s:
                return MimeBundle.PlainText(s);
            case HtmlContent html:
                return new MimeBundle().SetText("text/html", html.Html);
            case Plotly.NET.GenericChart chart:
                return PlotlyFormatter.Format(chart, Options);
            case Vector<double> v: return Bundle(VectorTable(v));
            case Vector<float> v: return Bundle(VectorTable(v));
            case Vector<System.Numerics.Complex> v: return Bundle(VectorTable(v));
            case Matrix<double> m: return Bundle(MatrixTable(m));
            case Matrix<float> m: return Bundle(MatrixTable(m));
            case Matrix<System.Numerics.Complex> m: return Bundle(MatrixTable(m));
        }
        if (ValueText.IsScalar(value))
        {
            var text = ValueText.Of(value);
            return MimeBundle.PlainText(text).SetText("text/html", Pre(text));
        }
        if (value is Array { Rank: 2 } array2) return Bundle(ArrayTable(array2));
        if (value is IDictionary dictionary) return Bundle(DictionaryTable(dictionary));
        if (value is IEnumerable sequence && !IsTupleOrRecordWithToString(value)) return FormatSequence(sequence, value);
        return FormatObject(value!);
    }

    private static MimeBundle Bundle(Table table) => MimeBundle.PlainText(table.ToText()).SetText("text/html", table.ToHtml());

    private static string Pre(string text) => $"<pre class=\"descent-plain\">{WebUtility.HtmlEncode(text)}</pre>";

    private static bool IsTupleOrRecordWithToString(object value) => value is ITuple;

    // ---- MathNet -------------------------------------------------------------------------------------------

    private Table VectorTable<T>(Vector<T> v) where T : struct, IEquatable<T>, IFormattable
    {
        int shown = Math.Min(v.Count, Options.MaxRows);
        var rows = new List<IReadOnlyList<string>>(shown);
        for (int i = 0; i < shown; i++) rows.Add([i.ToString(CultureInfo.InvariantCulture), ValueText.Of(v[i])]);
        var caption = string.Create(CultureInfo.InvariantCulture, $"{v.GetType().Name} {v.Count}-{typeof(T).Name}");
        return new Table(caption, ["#", "value"], rows, v.Count, unit: "elements");
    }

    private Table MatrixTable<T>(Matrix<T> m) where T : struct, IEquatable<T>, IFormattable
    {
        int rowsShown = Math.Min(m.RowCount, Options.MaxRows), colsShown = Math.Min(m.ColumnCount, Options.MaxColumns);
        var headers = new List<string> { "" };
        for (int c = 0; c < colsShown; c++) headers.Add(c.ToString(CultureInfo.InvariantCulture));
        if (colsShown < m.ColumnCount) headers.Add("…");
        var rows = new List<IReadOnlyList<string>>(rowsShown);
        for (int r = 0; r < rowsShown; r++)
        {
            var row = new List<string> { r.ToString(CultureInfo.InvariantCulture) };
            for (int c = 0; c < colsShown; c++) row.Add(ValueText.Of(m[r, c]));
            if (colsShown < m.ColumnCount) row.Add("…");
            rows.Add(row);
        }
        var caption = string.Create(CultureInfo.InvariantCulture, $"{m.GetType().Name} {m.RowCount}x{m.ColumnCount}-{typeof(T).Name}");
        return new Table(caption, headers, rows, m.RowCount);
    }

    private Table ArrayTable(Array a)
    {
        int rowsTotal = a.GetLength(0), colsTotal = a.GetLength(1);
        int rowsShown = Math.Min(rowsTotal, Options.MaxRows), colsShown = Math.Min(colsTotal, Options.MaxColumns);
        var headers = new List<string> { "" };
        for (int c = 0; c < colsShown; c++) headers.Add(c.ToString(CultureInfo.InvariantCulture));
        if (colsShown < colsTotal) headers.Add("…");
        var rows = new List<IReadOnlyList<string>>();
        for (int r = 0; r < rowsShown; r++)
        {
            var row = new List<string> { r.ToString(CultureInfo.InvariantCulture) };
            for (int c = 0; c < colsShown; c++) row.Add(ValueText.Of(a.GetValue(r, c)));
            if (colsShown < colsTotal) row.Add("…");
            rows.Add(row);
        }
        return new Table(string.Create(CultureInfo.InvariantCulture, $"{TypeName(a.GetType())} {rowsTotal}x{colsTotal}"), headers, rows, rowsTotal);
    }

    // ---- Sequences -----------------------------------------------------------------------------------------

    private const int CountLimit = 100_000;

    private Table DictionaryTable(IDictionary d)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (DictionaryEntry e in d)
        {
            if (rows.Count >= Options.MaxRows) break;
            rows.Add([ValueText.Of(e.Key), Inline(e.Value)]);
        }
        return new Table(TypeName(d.GetType()), ["key", "value"], rows, d.Count, unit: "entries");
    }

    private MimeBundle FormatSequence(IEnumerable sequence, object value)
    {
        var items = new List<object?>(Options.MaxRows);
        long count = 0;
        bool lowerBound = false;
        bool isCollection = value is ICollection;
        var enumerator = sequence.GetEnumerator();
        try
        {
            while (enumerator.MoveNext())
            {
                items.Add(enumerator.Current);
                count++;
                if (items.Count >= Options.MaxRows) break;
            }
            if (isCollection)
            {
                count = ((ICollection)value).Count;
            }
            else if (items.Count >= Options.MaxRows)
            {
                // Count the rest without keeping it, up to a limit (a sequence may be endless).
                while (enumerator.MoveNext())
                {
                    count++;
                    if (count >= CountLimit)
                    {
                        lowerBound = enumerator.MoveNext();
                        break;
                    }
                }
            }
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }

        var elementType = ElementType(value.GetType()) ?? items.FirstOrDefault(i => i is not null)?.GetType() ?? typeof(object);
        if (elementType == typeof(object) && items.FirstOrDefault(i => i is not null) is { } first) elementType = first.GetType();
        var typeName = SequenceName(value.GetType(), elementType);

        if (items.All(ValueText.IsScalar))
        {
            var text = new StringBuilder("[");
            text.Append(string.Join(", ", items.Select(ValueText.Of)));
            if (count > items.Count || lowerBound)
                text.Append(items.Count > 0 ? ", " : "").Append("… (").Append(lowerBound ? "more than " : "")
                    .Append(count.ToString(CultureInfo.InvariantCulture)).Append(" items)");
            text.Append(']');
            var table = new Table(typeName, ["#", "value"],
                items.Select((x, i) => (IReadOnlyList<string>)[i.ToString(CultureInfo.InvariantCulture), ValueText.Of(x)]).ToList(),
                count, lowerBound, unit: "items");
            return MimeBundle.PlainText(text.ToString()).SetText("text/html", table.ToHtml());
        }

        var columns = Columns(elementType, items);
        var rows = new List<IReadOnlyList<string>>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var row = new List<string>(columns.Count + 1) { i.ToString(CultureInfo.InvariantCulture) };
            foreach (var col in columns) row.Add(items[i] is null ? "<null>" : Inline(col.Get(items[i]!)));
            rows.Add(row);
        }
        var headers = new List<string> { "#" };
        headers.AddRange(columns.Select(c => c.Name));
        return Bundle(new Table(typeName, headers, rows, count, lowerBound));
    }

    private sealed record Column(string Name, Func<object, object?> Get);

    private static List<Column> Columns(Type elementType, List<object?> items)
    {
        if (typeof(ITuple).IsAssignableFrom(elementType) || items.FirstOrDefault(i => i is not null) is ITuple)
        {
            int arity = items.OfType<ITuple>().Select(t => t.Length).DefaultIfEmpty(0).Max();
            return Enumerable.Range(0, arity)
                .Select(i => new Column($"Item{i + 1}", o => o is ITuple t && i < t.Length ? t[i] : null)).ToList();
        }
        var properties = PublicProperties(elementType);
        if (properties.Count == 0) return [new Column("value", o => o)];
        return properties.Select(p => new Column(p.Name, o => SafeGet(p, o))).ToList();
    }

    private static List<PropertyInfo> PublicProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && p.Name != "EqualityContract")
        .OrderBy(p => p.MetadataToken)
        .ToList();

    private static object? SafeGet(PropertyInfo p, object o)
    {
        try
        {
            return p.GetValue(o);
        }
        catch (TargetInvocationException e)
        {
            return $"<{e.InnerException?.GetType().Name ?? "error"}>";
        }
    }

    /// <summary>A value inside a table cell: scalars as text, anything else by its ToString().</summary>
    private static string Inline(object? value) => ValueText.IsScalar(value) ? ValueText.Of(value) : value is ITuple ? value.ToString()! : ValueText.Of(value);

    private static Type? ElementType(Type sequenceType)
    {
        if (sequenceType.IsArray) return sequenceType.GetElementType();
        var enumerable = sequenceType.GetInterfaces().Append(sequenceType)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    // ---- Other objects ---------------------------------------------------------------------------------------

    private MimeBundle FormatObject(object value)
    {
        var type = value.GetType();
        var overridesToString = type.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType != typeof(object)
                                && type.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType != typeof(ValueType);
        var properties = PublicProperties(type);
        if (overridesToString || properties.Count == 0)
        {
            var text = ValueText.Of(value);
            return MimeBundle.PlainText(text).SetText("text/html", Pre(text));
        }
        var rows = properties.Select(p => (IReadOnlyList<string>)[p.Name, Inline(SafeGet(p, value))]).ToList();
        var plain = $"{TypeName(type)} {{ {string.Join(", ", rows.Select(r => $"{r[0]} = {r[1]}"))} }}";
        var table = new Table(TypeName(type), ["property", "value"], rows, rows.Count, unit: "properties");
        return MimeBundle.PlainText(plain).SetText("text/html", table.ToHtml());
    }

    /// <summary>A readable type name: <c>List&lt;Double&gt;</c> rather than <c>List`1</c>; script nesting removed.</summary>
    /// <remarks>An anonymous type (<c>new { a, b }</c>) is "AnonymousType": its generic arguments mean nothing to a reader.</remarks>
    internal static string TypeName(Type type)
    {
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        var name = type.Name;
        if (name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal)) return "AnonymousType";
        if (type.IsGenericType)
        {
            int tick = name.IndexOf('`');
            if (tick >= 0) name = name[..tick];
            name += "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }
        return name;
    }

    /// <summary>
    /// The caption of a sequence: its type when that is a type the reader wrote (<c>Double[]</c>, <c>List&lt;Run&gt;</c>),
    /// and <c>IEnumerable&lt;T&gt;</c> for the runtime's private iterators, so <c>xs.Select(...)</c> is not captioned
    /// <c>ArraySelectIterator&lt;…&gt;</c> or <c>&lt;TakeIterator&gt;d__…</c>.
    /// </summary>
    internal static string SequenceName(Type sequence, Type element) =>
        sequence.IsArray || sequence.IsPublic || sequence.IsNestedPublic
            ? TypeName(sequence)
            : $"IEnumerable<{TypeName(element)}>";
}
