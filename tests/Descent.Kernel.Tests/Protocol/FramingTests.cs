using System.Text;
using System.Text.Json.Nodes;
using Descent.Kernel.Tests.Support;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Tests.Protocol;

public class FramingTests
{
    private readonly WireFormat _wire = new(MessageSigner.Create("hmac-sha256", "secret"));

    private List<byte[]> Frames(JsonObject header, byte[][] identities, JsonObject? content = null, byte[][]? buffers = null) =>
        _wire.Encode(new JupyterMessage(identities, header, new JsonObject(), new JsonObject(), content ?? new JsonObject(), buffers));

    [Fact]
    public void Encode_puts_identities_delimiter_signature_four_dictionaries_then_buffers()
    {
        var header = Requests.Header("kernel_info_request");
        byte[][] ids = [[1, 2], [3]];
        var frames = Frames(header, ids, new JsonObject { ["x"] = 1 }, [[9, 9, 9]]);

        Assert.Equal(2 + 1 + 1 + 4 + 1, frames.Count);
        Assert.Equal(ids[0], frames[0]);
        Assert.Equal(ids[1], frames[1]);
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[2]));
        Assert.Equal(64, frames[3].Length); // sha256 hex
        Assert.Equal(Encoding.ASCII.GetString(frames[3]),
                     _wire.Signer.Sign(frames[4], frames[5], frames[6], frames[7]));
        Assert.Equal("kernel_info_request", JsonNode.Parse(frames[4])!["msg_type"]!.GetValue<string>());
        Assert.Equal("{}", Encoding.UTF8.GetString(frames[5]));
        Assert.Equal("""{"x":1}""", Encoding.UTF8.GetString(frames[7]));
        Assert.Equal(new byte[] { 9, 9, 9 }, frames[8]);
    }

    [Fact]
    public void Decode_round_trips_identities_dictionaries_and_buffers()
    {
        var header = Requests.Header("execute_request");
        var frames = Frames(header, [[7], [8, 8]], new JsonObject { ["code"] = "1 + 1 // é 😀" }, [[1], [2, 3]]);

        Assert.Equal(WireProblem.None, _wire.TryDecode(frames, out var message, out _));
        Assert.Equal("execute_request", message!.MsgType);
        Assert.Equal(header["msg_id"]!.GetValue<string>(), message.MsgId);
        Assert.Equal([new byte[] { 7 }, [8, 8]], message.Identities);
        Assert.Equal("1 + 1 // é 😀", message.Content["code"]!.GetValue<string>());
        Assert.Equal([new byte[] { 1 }, [2, 3]], message.Buffers);
    }

    [Fact]
    public void Decode_accepts_zero_identities()
    {
        var frames = Frames(Requests.Header("kernel_info_request"), []);
        Assert.Equal(WireProblem.None, _wire.TryDecode(frames, out var message, out _));
        Assert.Empty(message!.Identities);
    }

    [Fact]
    public void Signature_is_checked_over_the_bytes_as_received_not_a_reserialization()
    {
        // A client may format JSON with spaces; the kernel verifies the frames it got, byte for byte.
        byte[] header = Encoding.UTF8.GetBytes("""{ "msg_id": "a", "msg_type": "kernel_info_request", "session": "s", "username": "u", "date": "2026-11-23T10:00:00Z", "version": "5.3" }""");
        byte[] empty = "{}"u8.ToArray();
        byte[] signature = Encoding.ASCII.GetBytes(_wire.Signer.Sign(header, empty, empty, empty));
        var frames = new List<byte[]> { "<IDS|MSG>"u8.ToArray(), signature, header, empty, empty, empty };
        Assert.Equal(WireProblem.None, _wire.TryDecode(frames, out var message, out _));
        Assert.Equal("a", message!.MsgId);
    }

    [Fact]
    public void Wrong_signature_is_a_bad_signature_and_nothing_is_parsed()
    {
        var frames = Frames(Requests.Header("execute_request"), [[1]], new JsonObject { ["code"] = "x" });
        frames[2] = Encoding.ASCII.GetBytes(new string('0', 64));
        Assert.Equal(WireProblem.BadSignature, _wire.TryDecode(frames, out var message, out string detail));
        Assert.Null(message);
        Assert.Contains("signature", detail);
    }

    [Fact]
    public void Tampered_content_under_a_valid_signature_is_a_bad_signature()
    {
        var frames = Frames(Requests.Header("execute_request"), [[1]], new JsonObject { ["code"] = "harmless()" });
        frames[^1] = Encoding.UTF8.GetBytes("""{"code":"File.Delete(\"x\")"}""");
        Assert.Equal(WireProblem.BadSignature, _wire.TryDecode(frames, out _, out _));
    }

    [Fact]
    public void Unsigned_message_is_refused_when_a_key_is_set()
    {
        var frames = Frames(Requests.Header("execute_request"), [[1]]);
        frames[2] = [];
        Assert.Equal(WireProblem.BadSignature, _wire.TryDecode(frames, out _, out string detail));
        Assert.Contains("unsigned", detail);
    }

    [Fact]
    public void Replayed_message_is_refused_the_second_time()
    {
        var frames = Frames(Requests.Header("execute_request"), [[1]]);
        Assert.Equal(WireProblem.None, _wire.TryDecode(frames, out _, out _));
        Assert.Equal(WireProblem.Replayed, _wire.TryDecode(frames, out _, out _));
    }

    [Fact]
    public void Frames_without_delimiter_are_malformed()
    {
        Assert.Equal(WireProblem.Malformed, _wire.TryDecode([[1], "{}"u8.ToArray()], out _, out string detail));
        Assert.Contains("delimiter", detail);
    }

    [Fact]
    public void Fewer_than_five_frames_after_the_delimiter_are_malformed()
    {
        var frames = Frames(Requests.Header("execute_request"), [[1]]);
        frames.RemoveAt(frames.Count - 1);
        Assert.Equal(WireProblem.Malformed, _wire.TryDecode(frames, out _, out string detail));
        Assert.Contains("4 frame(s) after the delimiter", detail);
    }

    [Fact]
    public void Signed_but_non_json_content_is_malformed()
    {
        byte[] header = WireFormat.Serialize(Requests.Header("execute_request"));
        byte[] empty = "{}"u8.ToArray(), content = "not json"u8.ToArray();
        byte[] signature = Encoding.ASCII.GetBytes(_wire.Signer.Sign(header, empty, empty, content));
        var frames = new List<byte[]> { "<IDS|MSG>"u8.ToArray(), signature, header, empty, empty, content };
        Assert.Equal(WireProblem.Malformed, _wire.TryDecode(frames, out _, out string detail));
        Assert.Contains("content frame is not valid JSON", detail);
    }

    [Fact]
    public void Signed_header_without_msg_type_is_malformed()
    {
        var header = Requests.Header("x");
        header.Remove("msg_type");
        Assert.Equal(WireProblem.Malformed, _wire.TryDecode(Frames(header, [[1]]), out _, out string detail));
        Assert.Contains("msg_type", detail);
    }

    [Fact]
    public void Json_array_instead_of_a_dictionary_is_malformed()
    {
        byte[] header = WireFormat.Serialize(Requests.Header("execute_request"));
        byte[] empty = "{}"u8.ToArray(), content = "[1,2]"u8.ToArray();
        byte[] signature = Encoding.ASCII.GetBytes(_wire.Signer.Sign(header, empty, empty, content));
        Assert.Equal(WireProblem.Malformed,
                     _wire.TryDecode(["<IDS|MSG>"u8.ToArray(), signature, header, empty, empty, content], out _, out string detail));
        Assert.Contains("not a JSON object", detail);
    }

    [Fact]
    public void Factory_reply_copies_the_request_header_as_parent_and_routes_to_its_identities()
    {
        var factory = new MessageFactory("kernel-session");
        var request = Requests.Make("kernel_info_request", identities: [[4, 2]]);
        var reply = factory.Reply(request, "kernel_info_reply", new JsonObject());

        Assert.Equal([new byte[] { 4, 2 }], reply.Identities);
        Assert.True(JsonNode.DeepEquals(request.Header, reply.ParentHeader));
        Assert.Equal("kernel_info_reply", reply.MsgType);
        Assert.Equal("kernel-session", reply.Session);
        Assert.Equal("5.3", reply.Header["version"]!.GetValue<string>());
        Assert.Equal("kernel", reply.Header["username"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", reply.Header["date"]!.GetValue<string>());
        Assert.NotEqual(request.MsgId, reply.MsgId);
        Assert.NotEqual(reply.MsgId, factory.Reply(request, "kernel_info_reply", new JsonObject()).MsgId);
    }

    [Fact]
    public void Factory_publication_uses_the_message_type_as_topic()
    {
        var publication = new MessageFactory("s").Publication(null, "status", new JsonObject { ["execution_state"] = "starting" });
        Assert.Equal("status", Encoding.UTF8.GetString(publication.Identities.Single()));
        Assert.Empty(publication.ParentHeader);
    }
}
