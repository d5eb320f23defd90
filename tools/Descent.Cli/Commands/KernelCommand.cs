using System.CommandLine;
using Descent.Kernel;
using Descent.Kernel.Engine;
using Descent.Kernel.Kernelspec;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent kernel --connection-file FILE</c> runs the Jupyter kernel (Jupyter starts it through the kernelspec);
/// <c>descent kernel install</c> / <c>uninstall</c> manage the kernelspec.
/// </summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var connectionFile = new Option<FileInfo>("--connection-file", "-f")
        {
            Description = "The connection file Jupyter wrote for this kernel (Jupyter passes it; you rarely run this yourself).",
        };
        var kernel = new Command("kernel", "Run the Jupyter kernel for C# notebooks, or install/uninstall its kernelspec.");
        kernel.Options.Add(connectionFile);
        kernel.Subcommands.Add(Install());
        kernel.Subcommands.Add(Uninstall());
        kernel.SetAction(parse =>
        {
            var file = parse.GetValue(connectionFile);
            if (file is null)
            {
                Console.Error.WriteLine("descent kernel: give --connection-file FILE (Jupyter does this), or use " +
                                        "`descent kernel install` to register the kernel with Jupyter.");
                return 2;
            }
            return KernelHost.Run(file.FullName, log => new NotebookInterpreter(log));
        });
        return kernel;
    }

    private static Command Install()
    {
        var (user, sysPrefix, prefix, name) = ScopeOptions();
        var displayName = new Option<string>("--display-name")
        {
            Description = "The name front ends show in their kernel pickers.",
            DefaultValueFactory = _ => KernelspecInstaller.DefaultDisplayName,
        };
        var install = new Command("install", "Register this kernel with Jupyter (VS Code, JupyterLab, nbconvert).");
        foreach (var o in new Option[] { user, sysPrefix, prefix, name, displayName }) install.Options.Add(o);
        install.SetAction(parse => Guard(() =>
        {
            string directory = KernelsDirectory(parse.GetValue(user), parse.GetValue(sysPrefix), parse.GetValue(prefix));
            var command = KernelLaunchCommand.ForCurrentProcess();
            string kernelName = parse.GetValue(name)!;
            string folder = KernelspecInstaller.Install(directory, kernelName, parse.GetValue(displayName)!, command);
            Console.WriteLine($"Installed kernelspec {kernelName} in {folder}");
            Console.WriteLine($"  starts: {string.Join(' ', command.Argv)}");
            Console.WriteLine("  check with `jupyter kernelspec list`; pick it in VS Code or JupyterLab.");
        }));
        return install;
    }

    private static Command Uninstall()
    {
        var (user, sysPrefix, prefix, name) = ScopeOptions();
        var uninstall = new Command("uninstall", "Remove the kernelspec.");
        foreach (var o in new Option[] { user, sysPrefix, prefix, name }) uninstall.Options.Add(o);
        uninstall.SetAction(parse => Guard(() =>
        {
            string directory = KernelsDirectory(parse.GetValue(user), parse.GetValue(sysPrefix), parse.GetValue(prefix));
            string kernelName = parse.GetValue(name)!;
            if (!KernelspecInstaller.Uninstall(directory, kernelName))
                throw new KernelspecException($"no kernelspec '{kernelName}' in {directory} (see `jupyter kernelspec list`)");
            Console.WriteLine($"Removed kernelspec {kernelName} from {directory}");
        }));
        return uninstall;
    }

    private static (Option<bool> User, Option<bool> SysPrefix, Option<DirectoryInfo?> Prefix, Option<string> Name) ScopeOptions() =>
    (
        new Option<bool>("--user") { Description = "The user's Jupyter data folder (the default)." },
        new Option<bool>("--sys-prefix") { Description = "The active Python environment (VIRTUAL_ENV or CONDA_PREFIX)." },
        new Option<DirectoryInfo?>("--prefix") { Description = "PREFIX/share/jupyter/kernels." },
        new Option<string>("--name")
        {
            Description = $"The kernel's name (default {KernelspecInstaller.DefaultName}; .net-csharp stands in for the deprecated .NET Interactive kernel).",
            DefaultValueFactory = _ => KernelspecInstaller.DefaultName,
        }
    );

    private static string KernelsDirectory(bool user, bool sysPrefix, DirectoryInfo? prefix)
    {
        if ((user ? 1 : 0) + (sysPrefix ? 1 : 0) + (prefix is null ? 0 : 1) > 1)
            throw new KernelspecException("choose one of --user, --sys-prefix and --prefix DIR");
        return prefix is not null ? KernelspecInstaller.KernelsDirectory(KernelspecScope.Prefix, prefix.FullName)
            : sysPrefix ? KernelspecInstaller.KernelsDirectory(KernelspecScope.SysPrefix)
            : KernelspecInstaller.KernelsDirectory(KernelspecScope.User);
    }

    private static int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (KernelspecException e)
        {
            Console.Error.WriteLine($"descent kernel: {e.Message}");
            return 1;
        }
    }
}
