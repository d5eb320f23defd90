using System.Text.Json.Nodes;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Tests.Support;

/// <summary>Builds client requests as a front end would.</summary>
internal static class Requests
{
    private static int _counter;

    public static JupyterMessage Make(string msgType, JsonObject? content = null, byte[][]? identities = null) =>
        new(identities ?? [[1, 2, 3]], Header(msgType), new JsonObject(), new JsonObject(), content ?? new JsonObject());

    public static JsonObject Header(string msgType) => new()
    {
        ["msg_id"] = $"client-{Interlocked.Increment(ref _counter)}",
        ["msg_type"] = msgType,
        ["session"] = "client-session",
        ["username"] = "student",
        ["date"] = "2026-11-23T10:00:00.000000Z",
        ["version"] = "5.3",
    };

    public static JupyterMessage Execute(string code, bool silent = false, bool storeHistory = true, bool stopOnError = true,
                                         bool allowStdin = false) =>
        Make("execute_request", new JsonObject
        {
            ["code"] = code, ["silent"] = silent, ["store_history"] = storeHistory,
            ["user_expressions"] = new JsonObject(), ["allow_stdin"] = allowStdin, ["stop_on_error"] = stopOnError,
        });
}
