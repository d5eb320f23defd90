using System.Text.Json.Nodes;
using Descent.Kernel.Tests.Support;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Tests.Protocol;

/// <summary>The signature journal that makes replay protection outlive a kernel restart (same connection file, same key).</summary>
public sealed class SignatureJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("descent-journal-").FullName;
    private readonly List<string> _warnings = [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ConnectionFile(string name = "kernel-1234.json")
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, "{}");
        return path;
    }

    private SignatureHistory Open(string connectionFile, string key = "key-1", int capacity = SignatureHistory.DefaultCapacity) =>
        SignatureHistory.Open(connectionFile, key, _warnings.Add, capacity);

    private static List<byte[]> Execute(WireFormat wire, string code) =>
        wire.Encode(new JupyterMessage([], Requests.Header("execute_request"), new JsonObject(), new JsonObject(),
                                       new JsonObject { ["code"] = code }));

    [Fact]
    public void A_message_accepted_before_a_restart_is_a_replay_after_it()
    {
        string connection = ConnectionFile();
        var signer = MessageSigner.Create("hmac-sha256", "key-1");
        List<byte[]> captured;
        using (var first = Open(connection))
        {
            var wire = new WireFormat(signer, first);
            captured = Execute(wire, "File.Delete(\"x\")");
            Assert.Equal(WireProblem.None, wire.TryDecode(captured, out _, out _));
            Assert.Equal(SignatureHistory.JournalPathFor(connection), first.JournalPath);
        }
        using var second = Open(connection);
        var restarted = new WireFormat(signer, second);
        Assert.Equal(WireProblem.Replayed, restarted.TryDecode(captured, out _, out string detail));
        Assert.Contains("replay", detail);
        Assert.Equal(WireProblem.None, restarted.TryDecode(Execute(restarted, "1 + 1"), out _, out _));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void The_journal_sits_beside_the_connection_file_and_only_its_owner_may_read_it()
    {
        string connection = ConnectionFile("kernel-abc.json");
        using var history = Open(connection);
        history.Add(new string('a', 64));
        string journal = Path.Combine(_folder, ".kernel-abc.json.descent-seen");
        Assert.Equal(journal, history.JournalPath);
        Assert.True(File.Exists(journal));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal));
        Assert.Contains("aaaaaaaaaaaaaaaa", File.ReadAllText(journal));
        Assert.DoesNotContain("key-1", File.ReadAllText(journal));
    }

    [Fact]
    public void A_journal_written_for_another_key_is_not_used()
    {
        string connection = ConnectionFile();
        string signature = new('b', 64);
        using (var old = Open(connection, key: "old-key")) Assert.True(old.Add(signature));
        using var renewed = Open(connection, key: "new-key");
        Assert.True(renewed.Add(signature));
        Assert.False(renewed.Add(signature));
    }

    [Fact]
    public void Journals_whose_connection_file_is_gone_are_removed_at_start()
    {
        string gone = ConnectionFile("kernel-gone.json");
        string kept = ConnectionFile("kernel-kept.json");
        using (var a = Open(gone)) a.Add(new string('c', 64));
        using (var b = Open(kept)) b.Add(new string('d', 64));
        File.Delete(gone);
        using var other = Open(ConnectionFile("kernel-new.json"));
        Assert.False(File.Exists(SignatureHistory.JournalPathFor(gone)));
        Assert.True(File.Exists(SignatureHistory.JournalPathFor(kept)));
    }

    [Fact]
    public void A_journal_others_may_read_or_write_is_refused_and_replays_are_then_refused_in_memory()
    {
        if (OperatingSystem.IsWindows()) return;
        string connection = ConnectionFile();
        string journal = SignatureHistory.JournalPathFor(connection);
        File.WriteAllText(journal, "planted\n");
        File.SetUnixFileMode(journal, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        using var history = Open(connection);
        Assert.Null(history.JournalPath);
        Assert.Contains(_warnings, w => w.Contains("other users") && w.Contains("not after a restart"));
        Assert.Equal("planted\n", File.ReadAllText(journal));
        Assert.True(history.Add(new string('e', 64)));
        Assert.False(history.Add(new string('e', 64)));
    }

    [Fact]
    public void The_journal_stays_bounded_and_keeps_the_recent_signatures()
    {
        string connection = ConnectionFile();
        var signatures = Enumerable.Range(0, 50).Select(i => i.ToString("x16") + new string('0', 48)).ToList();
        using (var history = Open(connection, capacity: 16))
            foreach (string s in signatures) Assert.True(history.Add(s));
        int lines = File.ReadAllLines(SignatureHistory.JournalPathFor(connection)).Length;
        Assert.InRange(lines, 1 + 8, 1 + 16);
        using var reopened = Open(connection, capacity: 16);
        Assert.False(reopened.Add(signatures[^1]));
        Assert.False(reopened.Add(signatures[^8]));
    }
}
