using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Descent.Cli.Serving;

/// <summary>
/// The files of one folder, and nothing outside it. A request path is already normalised by Kestrel (no <c>..</c>
/// segment survives, <c>%2e%2e</c> included) and <see cref="PhysicalFileProvider"/> refuses a path that climbs above its
/// root; on top of that a file or folder is reported missing when its real location, with every symbolic link on
/// the way resolved, is not inside the root. Dot files and hidden files are never served (the provider's default).
/// </summary>
internal sealed class ConfinedFileProvider : IFileProvider, IDisposable
{
    private const int MaxLinks = 40;
    private readonly PhysicalFileProvider _files;

    /// <param name="root">The folder to serve, as a real path (see <see cref="RealPath"/>).</param>
    public ConfinedFileProvider(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(root);
        _files = new PhysicalFileProvider(Root);
    }

    /// <summary>The served folder, a real path without a trailing separator.</summary>
    public string Root { get; }

    public IFileInfo GetFileInfo(string subpath)
    {
        var file = _files.GetFileInfo(subpath);
        if (!file.Exists) return file;
        var real = RealPath(file.PhysicalPath!);
        if (real is null || !IsInsideRoot(real)) return new NotFoundFileInfo(subpath);
        // For a link, describe the file it leads to: the link's own length and date would truncate the response.
        return real == file.PhysicalPath ? file : new PhysicalFileInfo(new FileInfo(real));
    }

    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        var contents = _files.GetDirectoryContents(subpath);
        if (!contents.Exists) return contents;
        var real = RealPath(Path.Combine(Root, subpath.TrimStart('/', '\\')));
        return real is null || !IsInsideRoot(real) ? NotFoundDirectoryContents.Singleton : contents;
    }

    /// <summary>The site is served as it is on disk; nothing watches it.</summary>
    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    public void Dispose() => _files.Dispose();

    private bool IsInsideRoot(string realPath)
    {
        var prefix = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        return realPath == Root || realPath.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// The absolute path with every symbolic link resolved, component by component, like realpath(3): a <c>..</c>
    /// after a link climbs from where the link really points. Null when links loop. A missing component is kept as it is.
    /// </summary>
    public static string? RealPath(string path)
    {
        if (!Path.IsPathFullyQualified(path)) path = Path.Combine(Environment.CurrentDirectory, path);
        var current = Path.GetPathRoot(path)!;
        var pending = new Stack<string>(Components(path[current.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks) return null;
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }
            foreach (var component in Components(target).Reverse()) pending.Push(component);
        }
        return current;
    }

    private static string[] Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
