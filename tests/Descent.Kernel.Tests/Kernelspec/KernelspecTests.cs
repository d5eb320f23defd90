using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Descent.Kernel.Kernelspec;

namespace Descent.Kernel.Tests.Kernelspec;

public sealed class KernelspecTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-kernelspec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly KernelLaunchCommand Command =
        new(["/opt/dotnet/dotnet", "/repo/descent.dll"], new Dictionary<string, string>());

    [Fact]
    public void Install_writes_kernel_json_with_argv_language_and_message_interrupts()
    {
        string folder = KernelspecInstaller.Install(_dir, "csharp-descent", "C# (Descent)", Command);
        Assert.Equal(Path.Combine(_dir, "csharp-descent"), folder);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal(["/opt/dotnet/dotnet", "/repo/descent.dll", "kernel", "--connection-file", "{connection_file}"],
                     json["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("C# (Descent)", json["display_name"]!.GetValue<string>());
        Assert.Equal("C#", json["language"]!.GetValue<string>());
        Assert.Equal("message", json["interrupt_mode"]!.GetValue<string>());
        Assert.Null(json["env"]);
        Assert.Equal(["kernel.json", "logo-32x32.png", "logo-64x64.png"],
                     Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.DoesNotContain(Directory.GetDirectories(_dir), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Theory]
    [InlineData("logo-32x32.png", 32)]
    [InlineData("logo-64x64.png", 64)]
    public void Logos_are_rgba_pngs_of_their_size_with_a_transparent_corner_and_an_opaque_centre(string file, int size)
    {
        string folder = KernelspecInstaller.Install(_dir, "x", "X", Command);
        byte[] png = File.ReadAllBytes(Path.Combine(folder, file));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(6, png[25]); // RGBA

        byte[] rgba = LogoPainter.Paint(size);
        Assert.Equal(0, rgba[3]);                                   // corner: outside the rounded tile
        Assert.Equal(255, rgba[((size / 2) * size + size / 2) * 4 + 3]); // centre: opaque
        Assert.Equal(rgba, LogoPainter.Paint(size));                 // deterministic
    }

    [Fact]
    public void Reinstall_replaces_and_uninstall_removes()
    {
        KernelspecInstaller.Install(_dir, ".net-csharp", "Old", Command);
        KernelspecInstaller.Install(_dir, ".net-csharp", ".NET (C#)", Command);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, ".net-csharp", "kernel.json")))!;
        Assert.Equal(".NET (C#)", json["display_name"]!.GetValue<string>());
        Assert.True(KernelspecInstaller.Uninstall(_dir, ".net-csharp"));
        Assert.False(Directory.Exists(Path.Combine(_dir, ".net-csharp")));
        Assert.False(KernelspecInstaller.Uninstall(_dir, ".net-csharp"));
    }

    [Theory]
    [InlineData("c sharp")]
    [InlineData("../escape")]
    [InlineData("")]
    public void Invalid_kernel_names_are_refused_with_the_rule(string name)
    {
        var e = Assert.Throws<KernelspecException>(() => KernelspecInstaller.Install(_dir, name, "X", Command));
        Assert.Contains("ASCII letters", e.Message);
    }

    [Fact]
    public void Prefix_scope_puts_kernels_under_share_jupyter()
    {
        Assert.Equal(Path.Combine(_dir, "share", "jupyter", "kernels"), KernelspecInstaller.KernelsDirectory(KernelspecScope.Prefix, _dir));
    }

    [Fact]
    public void Launch_under_dotnet_uses_the_host_and_the_dll()
    {
        var c = KernelLaunchCommand.Resolve("/usr/share/dotnet/dotnet", "/src/bin/descent.dll", "/src/bin/", "/usr/share/dotnet");
        Assert.Equal(["/usr/share/dotnet/dotnet", "/src/bin/descent.dll", "kernel", "--connection-file", "{connection_file}"], c.Argv);
        Assert.Empty(c.Environment);
    }

    [Fact]
    public void Launch_from_a_tool_shim_uses_the_shim_and_sets_dotnet_root()
    {
        var c = KernelLaunchCommand.Resolve("/home/t/.dotnet/tools/descent", "/home/t/.dotnet/tools/.store/descent.cli/0.1.0/x/descent.dll",
                                            "/home/t/.dotnet/tools/.store/descent.cli/0.1.0/x/", "/home/t/.dotnet");
        Assert.Equal(["/home/t/.dotnet/tools/descent", "kernel", "--connection-file", "{connection_file}"], c.Argv);
        Assert.Equal("/home/t/.dotnet", c.Environment["DOTNET_ROOT"]);
    }

    [Fact]
    public void Kernel_json_carries_the_environment_when_there_is_one()
    {
        var json = KernelspecInstaller.KernelJson(new KernelLaunchCommand(["/x/descent"], new Dictionary<string, string> { ["DOTNET_ROOT"] = "/d" }), "C#");
        Assert.Equal("/d", json["env"]!["DOTNET_ROOT"]!.GetValue<string>());
    }
}
