using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Descent.Kernel.Kernelspec;

/// <summary>Where a kernelspec goes, as <c>jupyter kernelspec install</c> decides it.</summary>
public enum KernelspecScope
{
    /// <summary>The user's Jupyter data folder (<c>~/.local/share/jupyter/kernels</c> on Linux).</summary>
    User,
    /// <summary>The active Python environment (<c>$VIRTUAL_ENV</c> or <c>$CONDA_PREFIX</c>)<c>/share/jupyter/kernels</c>.</summary>
    SysPrefix,
    /// <summary>A given prefix: <c>PREFIX/share/jupyter/kernels</c>.</summary>
    Prefix,
}

/// <summary>
/// Writes and removes this kernel's kernelspec (jupyter_client docs, kernels.rst, "Kernel specs"): a folder named
/// after the kernel with kernel.json (argv, display_name, language "C#", interrupt_mode "message") and the 32 and
/// 64 pixel logos. The folder is written next to its destination and renamed into place.
/// </summary>
public static partial class KernelspecInstaller
{
    /// <summary>The default kernel name.</summary>
    public const string DefaultName = "csharp-descent";

    /// <summary>The default display name.</summary>
    public const string DefaultDisplayName = "C# (Descent)";

    /// <summary>The kernels folder for a scope; <paramref name="prefix"/> is used with <see cref="KernelspecScope.Prefix"/>.</summary>
    /// <exception cref="KernelspecException">--sys-prefix without an active Python environment.</exception>
    public static string KernelsDirectory(KernelspecScope scope, string? prefix = null) => scope switch
    {
        KernelspecScope.Prefix => Path.Combine(Path.GetFullPath(prefix ?? throw new ArgumentNullException(nameof(prefix))), "share", "jupyter", "kernels"),
        KernelspecScope.SysPrefix => Path.Combine(
            Environment.GetEnvironmentVariable("VIRTUAL_ENV") is { Length: > 0 } venv ? venv
            : Environment.GetEnvironmentVariable("CONDA_PREFIX") is { Length: > 0 } conda ? conda
            : throw new KernelspecException("--sys-prefix needs an active Python environment (VIRTUAL_ENV or CONDA_PREFIX is not set); use --user or --prefix DIR"),
            "share", "jupyter", "kernels"),
        _ => Path.Combine(UserDataDirectory(), "kernels"),
    };

    /// <summary>jupyter_core's user data directory: $JUPYTER_DATA_DIR, else the platform's default.</summary>
    public static string UserDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } dataDir) return dataDir;
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        string xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } x ? x : Path.Combine(home, ".local", "share");
        return Path.Combine(xdg, "jupyter");
    }

    /// <summary>The kernel.json content.</summary>
    public static JsonObject KernelJson(KernelLaunchCommand command, string displayName)
    {
        var json = new JsonObject
        {
            ["argv"] = new JsonArray(command.Argv.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["display_name"] = displayName,
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
            ["kernel_protocol_version"] = Wire.MessageFactory.ProtocolVersion,
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        if (command.Environment.Count > 0)
            json["env"] = new JsonObject(command.Environment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
        return json;
    }

    /// <summary>Installs the kernelspec; returns its folder. An existing kernelspec of that name is replaced.</summary>
    /// <exception cref="KernelspecException">The name is not a valid kernel name, or the folder cannot be written.</exception>
    public static string Install(string kernelsDirectory, string name, string displayName, KernelLaunchCommand command)
    {
        ValidateName(name);
        string target = Path.Combine(kernelsDirectory, name);
        string staging = Path.Combine(kernelsDirectory, $".{name}.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(kernelsDirectory);
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "kernel.json"),
                KernelJson(command, displayName).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            File.WriteAllBytes(Path.Combine(staging, "logo-32x32.png"), LogoPainter.Png(32));
            File.WriteAllBytes(Path.Combine(staging, "logo-64x64.png"), LogoPainter.Png(64));
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); } catch (IOException) { }
            throw new KernelspecException($"cannot write the kernelspec to {target}: {e.Message}" +
                (e is UnauthorizedAccessException ? " (choose --user, or --prefix DIR you can write to)" : ""));
        }
    }

    /// <summary>Removes the kernelspec <paramref name="name"/> from <paramref name="kernelsDirectory"/>; false when absent.</summary>
    public static bool Uninstall(string kernelsDirectory, string name)
    {
        ValidateName(name);
        string target = Path.Combine(kernelsDirectory, name);
        if (!Directory.Exists(target)) return false;
        try
        {
            Directory.Delete(target, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KernelspecException($"cannot remove {target}: {e.Message}");
        }
    }

    private static void ValidateName(string name)
    {
        if (!KernelName().IsMatch(name))
            throw new KernelspecException(
                $"'{name}' is not a valid kernel name: use ASCII letters, digits, '-', '.' and '_' only (e.g. csharp-descent or .net-csharp)");
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex KernelName();
}

/// <summary>A kernelspec cannot be installed or removed; the message says why and what to do.</summary>
public sealed class KernelspecException(string message) : Exception(message);
