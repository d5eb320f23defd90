using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Kernel.Wire;

/// <summary>Why a list of frames is not a message the kernel will act on.</summary>
public enum WireProblem
{
    /// <summary>The frames are a valid, verified message.</summary>
    None,
    /// <summary>No <c>&lt;IDS|MSG&gt;</c> delimiter, too few frames, or a dictionary that is not a JSON object.</summary>
    Malformed,
    /// <summary>The HMAC signature does not match the key: never executed.</summary>
    BadSignature,
    /// <summary>A signature already seen: a replayed message, never executed.</summary>
    Replayed,
}

/// <summary>
/// The wire format of messaging.rst: <c>[identities..., "&lt;IDS|MSG&gt;", signature, header, parent_header,
/// metadata, content, buffers...]</c>, with the signature the HMAC hex digest of the four serialized
/// dictionaries. Decoding verifies the signature over the bytes exactly as received, before parsing, and
/// refuses a signature already accepted (a replay) by way of <paramref name="history"/> (by default one kept in
/// memory for the life of this instance).
/// </summary>
public sealed class WireFormat(MessageSigner signer, SignatureHistory? history = null)
{
    /// <summary>The frame that separates the routing identities from the message.</summary>
    public static ReadOnlySpan<byte> Delimiter => "<IDS|MSG>"u8;

    /// <summary>JSON options for the dictionaries: compact, UTF-8 text kept as is.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private readonly SignatureHistory _history = history ?? new SignatureHistory();

    /// <summary>The signer used in both directions.</summary>
    public MessageSigner Signer { get; } = signer;

    /// <summary>Serializes and signs a message into its frames.</summary>
    public List<byte[]> Encode(JupyterMessage message)
    {
        byte[] header = Serialize(message.Header);
        byte[] parent = Serialize(message.ParentHeader);
        byte[] metadata = Serialize(message.Metadata);
        byte[] content = Serialize(message.Content);
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter.ToArray());
        frames.Add(Encoding.ASCII.GetBytes(Signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>
    /// Splits, verifies and parses received frames. Returns <see cref="WireProblem.None"/> and the message, or
    /// the problem and a sentence saying what was wrong (for the log); nothing is parsed before the signature
    /// verifies.
    /// </summary>
    public WireProblem TryDecode(IReadOnlyList<byte[]> frames, out JupyterMessage? message, out string detail)
    {
        message = null;
        int delimiter = -1;
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        }
        if (delimiter < 0)
        {
            detail = $"no <IDS|MSG> delimiter among {frames.Count} frame(s)";
            return WireProblem.Malformed;
        }
        if (frames.Count - delimiter - 1 < 5)
        {
            detail = $"{frames.Count - delimiter - 1} frame(s) after the delimiter; a message needs a signature and four dictionaries";
            return WireProblem.Malformed;
        }
        byte[] signature = frames[delimiter + 1];
        byte[] header = frames[delimiter + 2], parent = frames[delimiter + 3];
        byte[] metadata = frames[delimiter + 4], content = frames[delimiter + 5];
        if (!Signer.Verify(signature, header, parent, metadata, content))
        {
            detail = signature.Length == 0 ? "the message is unsigned" : "the signature does not match the key";
            return WireProblem.BadSignature;
        }
        if (Signer.Enabled && !_history.Add(Encoding.ASCII.GetString(signature)))
        {
            detail = "the signature was already used by an earlier message (a replay)";
            return WireProblem.Replayed;
        }
        JsonObject? h, p, m, c;
        try
        {
            h = Parse(header, "header");
            p = Parse(parent, "parent_header");
            m = Parse(metadata, "metadata");
            c = Parse(content, "content");
        }
        catch (FormatException e)
        {
            detail = e.Message;
            return WireProblem.Malformed;
        }
        if (h["msg_type"] is not JsonValue t || !t.TryGetValue(out string? msgType) || msgType.Length == 0)
        {
            detail = "the header has no msg_type";
            return WireProblem.Malformed;
        }
        message = new JupyterMessage(frames.Take(delimiter).ToArray(), h, p, m, c, frames.Skip(delimiter + 6).ToArray());
        detail = "";
        return WireProblem.None;
    }

    /// <summary>The compact UTF-8 JSON of a dictionary, as signed and sent.</summary>
    public static byte[] Serialize(JsonObject dictionary) => JsonSerializer.SerializeToUtf8Bytes(dictionary, JsonOptions);

    private static JsonObject Parse(byte[] json, string name)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new FormatException($"the {name} frame is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the {name} frame is not valid JSON ({e.Message})");
        }
    }
}
