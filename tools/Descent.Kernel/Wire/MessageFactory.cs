using System.Globalization;
using System.Text.Json.Nodes;

namespace Descent.Kernel.Wire;

/// <summary>
/// Builds the kernel's outgoing messages: a fresh msg_id, the kernel's session, username "kernel", an ISO 8601
/// UTC date, protocol version 5.3, and the request's header copied as parent_header.
/// </summary>
public sealed class MessageFactory(string session)
{
    /// <summary>The protocol version this kernel implements.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The kernel's session id (one per process).</summary>
    public string Session { get; } = session;

    /// <summary>A new header for a message of the given type.</summary>
    public JsonObject Header(string msgType) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(),
        ["msg_type"] = msgType,
        ["session"] = Session,
        ["username"] = "kernel",
        ["date"] = Now(),
        ["version"] = ProtocolVersion,
    };

    /// <summary>The current UTC time in ISO 8601 with microseconds, as header dates carry it.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A reply to <paramref name="request"/>, routed back to its sender's identities.</summary>
    public JupyterMessage Reply(JupyterMessage request, string msgType, JsonObject content, JsonObject? metadata = null) =>
        new(request.Identities, Header(msgType), CopyOf(request.Header), metadata ?? new JsonObject(), content);

    /// <summary>An IOPub message caused by <paramref name="parent"/> (none for the start-up status).</summary>
    public JupyterMessage Publication(JupyterMessage? parent, string msgType, JsonObject content) =>
        new([System.Text.Encoding.UTF8.GetBytes(msgType)], Header(msgType),
            parent is null ? new JsonObject() : CopyOf(parent.Header), new JsonObject(), content);

    /// <summary>A request the kernel sends to a front end on the stdin channel, routed like the shell reply.</summary>
    public JupyterMessage StdinRequest(JupyterMessage parent, string msgType, JsonObject content) =>
        new(parent.Identities, Header(msgType), CopyOf(parent.Header), new JsonObject(), content);

    private static JsonObject CopyOf(JsonObject header) => (JsonObject)header.DeepClone();
}
