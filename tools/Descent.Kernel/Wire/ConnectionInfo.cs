using System.Text.Json;

namespace Descent.Kernel.Wire;

/// <summary>
/// The connection file a Jupyter client writes before it starts a kernel: where to bind the five sockets
/// and how to sign messages (jupyter_client docs, kernels.rst, "Connection files").
/// </summary>
public sealed record ConnectionInfo(
    string Transport,
    string IP,
    int ShellPort,
    int IOPubPort,
    int StdinPort,
    int ControlPort,
    int HeartbeatPort,
    string Key,
    string SignatureScheme,
    string? KernelName)
{
    /// <summary>The ZeroMQ endpoint for one of the ports, e.g. <c>tcp://127.0.0.1:57503</c>.</summary>
    public string Endpoint(int port) => $"{Transport}://{IP}:{port}";

    /// <summary>Reads and validates a connection file.</summary>
    /// <exception cref="KernelStartupException">The file is missing, is not JSON, or lacks a field.</exception>
    public static ConnectionInfo Load(string path)
    {
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KernelStartupException($"cannot read the connection file '{path}': {e.Message}");
        }
        return Parse(json, path);
    }

    /// <summary>Parses connection-file JSON; <paramref name="source"/> names it in error messages.</summary>
    public static ConnectionInfo Parse(string json, string source)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException e)
        {
            throw new KernelStartupException($"the connection file '{source}' is not valid JSON ({e.Message})");
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new KernelStartupException($"the connection file '{source}' must hold a JSON object");

        string transport = OptionalString(root, "transport") ?? "tcp";
        if (transport != "tcp")
            throw new KernelStartupException(
                $"the connection file '{source}' asks for transport '{transport}'; this kernel speaks only 'tcp' " +
                "(NetMQ's 'ipc' is not compatible with libzmq's). Start the kernel with --transport tcp (the default).");
        string ip = OptionalString(root, "ip")
            ?? throw new KernelStartupException($"the connection file '{source}' has no \"ip\" field");
        string scheme = OptionalString(root, "signature_scheme") ?? "hmac-sha256";
        string key = OptionalString(root, "key") ?? "";
        return new ConnectionInfo(transport, ip,
            Port(root, "shell_port", source), Port(root, "iopub_port", source), Port(root, "stdin_port", source),
            Port(root, "control_port", source), Port(root, "hb_port", source),
            key, scheme, OptionalString(root, "kernel_name"));
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Port(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int port))
            throw new KernelStartupException($"the connection file '{source}' has no numeric \"{name}\"");
        if (port is < 1 or > 65535)
            throw new KernelStartupException(
                $"the connection file '{source}' gives {name} = {port}; a port must be between 1 and 65535");
        return port;
    }
}
