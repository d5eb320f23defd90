using System.Runtime.InteropServices;

namespace Descent.Kernel.Kernelspec;

/// <summary>
/// The command line a kernelspec uses to start this kernel, worked out from how the running <c>descent</c> was
/// started, so that it keeps working when Jupyter (VS Code, JupyterLab) launches it with another PATH:
/// <list type="bullet">
/// <item>from a build output (<c>dotnet run</c>, <c>dotnet descent.dll</c>, or the apphost next to descent.dll):
/// the absolute path of the <c>dotnet</c> host and of <c>descent.dll</c>, which does not depend on DOTNET_ROOT;</item>
/// <item>from a .NET tool shim (<c>dotnet tool install</c>): the shim itself, which survives tool updates, with
/// DOTNET_ROOT set in the kernelspec's environment so the shim finds the runtime.</item>
/// </list>
/// </summary>
public sealed record KernelLaunchCommand(IReadOnlyList<string> Program, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The arguments after the program: the kernel subcommand and Jupyter's connection-file placeholder.</summary>
    public static readonly IReadOnlyList<string> KernelArguments = ["kernel", "--connection-file", "{connection_file}"];

    /// <summary>The full argv for kernel.json.</summary>
    public IReadOnlyList<string> Argv => [.. Program, .. KernelArguments];

    /// <summary>The command for the running process.</summary>
    public static KernelLaunchCommand ForCurrentProcess()
    {
        string entryDll = System.Reflection.Assembly.GetEntryAssembly()?.Location
            ?? throw new InvalidOperationException("cannot tell which assembly runs: start descent as a program");
        return Resolve(System.Environment.ProcessPath ?? "", entryDll, AppContext.BaseDirectory, DotnetRoot());
    }

    /// <summary>The command given the process path, the entry dll, the app's folder and the .NET root (testable).</summary>
    public static KernelLaunchCommand Resolve(string processPath, string entryDll, string baseDirectory, string? dotnetRoot)
    {
        string host = Path.GetFileNameWithoutExtension(processPath);
        string? dotnetExe = dotnetRoot is null ? null : Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        if (string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase))
            return new KernelLaunchCommand([Path.GetFullPath(processPath), Path.GetFullPath(entryDll)], new Dictionary<string, string>());

        bool besideDll = string.Equals(Path.GetFullPath(Path.GetDirectoryName(processPath) ?? ""),
                                       Path.GetFullPath(baseDirectory).TrimEnd(Path.DirectorySeparatorChar),
                                       OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        if (besideDll && dotnetExe is not null && File.Exists(dotnetExe))
            return new KernelLaunchCommand([dotnetExe, Path.GetFullPath(entryDll)], new Dictionary<string, string>());

        var environment = new Dictionary<string, string>();
        if (dotnetRoot is not null) environment["DOTNET_ROOT"] = dotnetRoot;
        return new KernelLaunchCommand([Path.GetFullPath(processPath)], environment);
    }

    // The runtime directory is <root>/shared/Microsoft.NETCore.App/<version>/.
    private static string? DotnetRoot()
    {
        string runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return Directory.GetParent(runtime)?.Parent?.Parent?.FullName;
    }
}
