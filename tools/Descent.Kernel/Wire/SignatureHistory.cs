using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Descent.Kernel.Wire;

/// <summary>
/// The signatures of the messages the kernel accepted, so that a captured message sent again is refused (as
/// jupyter_client's Session does with its <c>digest_history</c>). Each signature is kept as its first 64 bits,
/// which an attacker without the key cannot choose. Bounded: when <c>capacity / 2</c> new signatures have
/// come in, the older half is forgotten.
/// <para>
/// With a journal (<see cref="Open"/>), every accepted signature is appended to a file beside the connection
/// file before the message is acted on, and a kernel started again from the same connection file with the same
/// key (a front end's restart keeps both) reads it back, so a message captured before a restart is refused
/// after it too. The journal names an HMAC of the key: written for another key, it is ignored and replaced.
/// </para>
/// </summary>
public sealed class SignatureHistory : IDisposable
{
    /// <summary>The default bound: the last 131072 to 262144 accepted messages are remembered.</summary>
    public const int DefaultCapacity = 1 << 18;

    /// <summary>The suffix of a journal's name: <c>.kernel-1234.json.descent-seen</c> beside <c>kernel-1234.json</c>.</summary>
    public const string JournalSuffix = ".descent-seen";

    private const string Magic = "descent-kernel seen-signatures v1";

    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly string? _journalPath;
    private readonly string _keyId;
    private readonly Action<string> _warn;
    private HashSet<ulong> _current = [];
    private HashSet<ulong> _previous = [];
    private FileStream? _journal;

    /// <summary>A history kept in memory only: replays are refused until the process ends.</summary>
    public SignatureHistory(int capacity = DefaultCapacity) : this(capacity, null, "", _ => { }) { }

    private SignatureHistory(int capacity, string? journalPath, string keyId, Action<string> warn)
    {
        _capacity = Math.Max(2, capacity);
        _journalPath = journalPath;
        _keyId = keyId;
        _warn = warn;
    }

    /// <summary>The journal file, or null when the history lives in memory only.</summary>
    public string? JournalPath => _journal is null ? null : _journalPath;

    /// <summary>The journal path for a connection file: the same folder, the file's name with a dot before and the suffix after.</summary>
    public static string JournalPathFor(string connectionFile)
    {
        string full = Path.GetFullPath(connectionFile);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + JournalSuffix);
    }

    /// <summary>
    /// The history of the kernel started from <paramref name="connectionFile"/>: the signatures its earlier runs
    /// with the same key accepted, and a journal to which this run appends. Journals whose connection file is gone
    /// (the front end deleted it after the kernel's last shutdown) are removed. When the journal cannot be used
    /// (read-only folder, a file owned by someone else or readable by others), <paramref name="warn"/> says so and
    /// the history is kept in memory only.
    /// </summary>
    public static SignatureHistory Open(string connectionFile, string key, Action<string> warn, int capacity = DefaultCapacity)
    {
        string path = JournalPathFor(connectionFile);
        var history = new SignatureHistory(capacity, path, KeyId(key), warn);
        RemoveOrphanedJournals(Path.GetDirectoryName(path)!);
        try
        {
            history.LoadAndRewrite();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            history._journal?.Dispose();
            history._journal = null;
            warn($"cannot keep the signature journal {path} ({e.Message}): replayed messages are refused only " +
                 "until this kernel process ends, not after a restart");
        }
        return history;
    }

    /// <summary>Records a signature (the hex frame); false when it was seen before.</summary>
    public bool Add(string signature)
    {
        ulong id = Id(signature);
        lock (_gate)
        {
            if (_previous.Contains(id) || !_current.Add(id)) return false;
            bool rotated = Rotate();
            if (_journal is not null)
            {
                try
                {
                    if (rotated) Rewrite();
                    else
                    {
                        _journal.Write(Encoding.ASCII.GetBytes(id.ToString("x16", CultureInfo.InvariantCulture) + "\n"));
                        _journal.Flush();
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _journal.Dispose();
                    _journal = null;
                    _warn($"the signature journal {_journalPath} cannot be written any more ({e.Message}): " +
                          "replayed messages are refused only until this kernel process ends");
                }
            }
            return true;
        }
    }

    private bool Rotate()
    {
        if (_current.Count < _capacity / 2) return false;
        _previous = _current;
        _current = [];
        return true;
    }

    private static ulong Id(string signature)
    {
        // The signature is the lowercase hex HMAC (at least 32 digits); an odd or short one still gets an id.
        string hex = signature.Length >= 16 ? signature[..16] : signature.PadRight(16, '0');
        return ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong id)
            ? id
            : BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(signature)));
    }

    // Proves the journal belongs to the key without revealing anything about it.
    private static string KeyId(string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), "descent-kernel seen-signatures"u8))[..32];

    private void LoadAndRewrite()
    {
        string path = _journalPath!;
        if (File.Exists(path) || Directory.Exists(path))
        {
            using var existing = OpenOwned(path, FileMode.Open, FileAccess.Read);
            using var reader = new StreamReader(existing, Encoding.ASCII);
            if (reader.ReadLine() == $"{Magic} {_keyId}")
            {
                while (reader.ReadLine() is { } line)
                {
                    if (line.Length == 16 && ulong.TryParse(line, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong id)
                        && !_previous.Contains(id) && _current.Add(id))
                        Rotate();
                }
            }
        }
        Rewrite();
    }

    // Writes the remembered signatures to a new file and renames it over the journal (a rename never follows a
    // link planted at the journal's name), then appends to it.
    private void Rewrite()
    {
        string path = _journalPath!;
        string temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        _journal?.Dispose();
        _journal = null;
        try
        {
            using (var stream = OpenOwned(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var text = new StringBuilder(Magic).Append(' ').Append(_keyId).Append('\n');
                foreach (ulong id in _previous.Concat(_current))
                    text.Append(id.ToString("x16", CultureInfo.InvariantCulture)).Append('\n');
                stream.Write(Encoding.ASCII.GetBytes(text.ToString()));
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        _journal = OpenOwned(path, FileMode.Append, FileAccess.Write);
    }

    // Opens a journal only if this user owns it and nobody else may read or write it: changing its mode succeeds
    // only for the owner, so a file planted by another user (in a shared folder such as /tmp) is refused.
    private static FileStream OpenOwned(string path, FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open)
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var stream = new FileStream(path, options);
        if (OperatingSystem.IsWindows()) return stream;
        try
        {
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((File.GetUnixFileMode(stream.SafeFileHandle) & others) != 0)
                throw new UnauthorizedAccessException("it may be read or written by other users");
            File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static void RemoveOrphanedJournals(string folder)
    {
        try
        {
            foreach (string journal in Directory.EnumerateFiles(folder, "." + "*" + JournalSuffix))
            {
                string name = Path.GetFileName(journal);
                string connectionFile = Path.Combine(folder, name[1..^JournalSuffix.Length]);
                if (File.Exists(connectionFile)) continue;
                try { File.Delete(journal); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _journal?.Dispose();
            _journal = null;
        }
    }
}
