using Descent.Kernel.Wire;

namespace Descent.Kernel.Tests.Protocol;

public class ConnectionInfoTests
{
    private const string Sample = """
        {"control_port": 50160, "shell_port": 57503, "transport": "tcp", "signature_scheme": "hmac-sha256",
         "stdin_port": 52597, "hb_port": 42540, "ip": "127.0.0.1", "iopub_port": 40885,
         "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84", "kernel_name": "csharp-descent"}
        """;

    [Fact]
    public void Parses_the_connection_file_of_kernels_rst()
    {
        var c = ConnectionInfo.Parse(Sample, "test");
        Assert.Equal(("tcp", "127.0.0.1", 57503, 40885, 52597, 50160, 42540),
                     (c.Transport, c.IP, c.ShellPort, c.IOPubPort, c.StdinPort, c.ControlPort, c.HeartbeatPort));
        Assert.Equal("a0436f6c-1916-498b-8eb9-e81ab9368e84", c.Key);
        Assert.Equal("hmac-sha256", c.SignatureScheme);
        Assert.Equal("tcp://127.0.0.1:57503", c.Endpoint(c.ShellPort));
    }

    [Fact]
    public void Missing_port_is_named_in_the_error()
    {
        var e = Assert.Throws<KernelStartupException>(() => ConnectionInfo.Parse(Sample.Replace("\"hb_port\": 42540,", ""), "conn.json"));
        Assert.Contains("hb_port", e.Message);
        Assert.Contains("conn.json", e.Message);
    }

    [Fact]
    public void Ipc_transport_is_refused_with_the_fix()
    {
        var e = Assert.Throws<KernelStartupException>(() => ConnectionInfo.Parse(Sample.Replace("\"tcp\"", "\"ipc\""), "c"));
        Assert.Contains("'ipc'", e.Message);
        Assert.Contains("tcp", e.Message);
    }

    [Fact]
    public void Invalid_json_and_missing_file_give_clear_errors()
    {
        Assert.Contains("not valid JSON", Assert.Throws<KernelStartupException>(() => ConnectionInfo.Parse("{", "c")).Message);
        Assert.Contains("cannot read the connection file",
                        Assert.Throws<KernelStartupException>(() => ConnectionInfo.Load("/nonexistent/kernel-1.json")).Message);
    }
}
