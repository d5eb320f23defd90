using System.Text.Json.Nodes;

namespace Descent.Kernel.Wire;

/// <summary>
/// One Jupyter message: the ZeroMQ routing identities, the four dictionaries (header, parent header,
/// metadata, content) and any raw buffers (messaging.rst, "General Message Format").
/// </summary>
public sealed class JupyterMessage
{
    /// <summary>Creates a message; the dictionaries are owned by the message from then on.</summary>
    public JupyterMessage(IReadOnlyList<byte[]> identities, JsonObject header, JsonObject parentHeader,
                          JsonObject metadata, JsonObject content, IReadOnlyList<byte[]>? buffers = null)
    {
        Identities = identities;
        Header = header;
        ParentHeader = parentHeader;
        Metadata = metadata;
        Content = content;
        Buffers = buffers ?? [];
    }

    /// <summary>The routing prefix: the sender's socket identities (ROUTER) or the topic (IOPub).</summary>
    public IReadOnlyList<byte[]> Identities { get; }

    /// <summary>msg_id, msg_type, session, username, date, version.</summary>
    public JsonObject Header { get; }

    /// <summary>The header of the request this message answers (empty for unsolicited messages).</summary>
    public JsonObject ParentHeader { get; }

    /// <summary>The metadata dictionary.</summary>
    public JsonObject Metadata { get; }

    /// <summary>The content dictionary, whose shape depends on <see cref="MsgType"/>.</summary>
    public JsonObject Content { get; }

    /// <summary>Raw binary buffers after the four dictionaries.</summary>
    public IReadOnlyList<byte[]> Buffers { get; }

    /// <summary>The header's msg_type ("" when missing).</summary>
    public string MsgType => HeaderString("msg_type");

    /// <summary>The header's msg_id ("" when missing).</summary>
    public string MsgId => HeaderString("msg_id");

    /// <summary>The header's session ("" when missing).</summary>
    public string Session => HeaderString("session");

    private string HeaderString(string name) =>
        Header[name] is JsonValue v && v.TryGetValue(out string? s) ? s : "";

    /// <inheritdoc />
    public override string ToString() => $"{MsgType} {MsgId}";
}
