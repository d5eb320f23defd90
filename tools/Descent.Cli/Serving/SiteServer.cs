using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Descent.Cli.Serving;

/// <summary>
/// A static file server for an exported site (Kestrel): GET and HEAD only, <c>index.html</c> for <c>/</c> and for
/// folders, no directory listing, the precompressed <c>.br</c>/<c>.gz</c> sibling of a file when the browser accepts it
/// (never compression on the fly), ETag/Last-Modified revalidation, and a year's caching for fingerprinted runtime
/// files. Nothing outside the folder is served (<see cref="ConfinedFileProvider"/>).
/// </summary>
internal sealed class SiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConfinedFileProvider _files;

    private SiteServer(WebApplication app, ConfinedFileProvider files, IPAddress address, int port)
    {
        _app = app;
        _files = files;
        Address = address;
        Port = port;
    }

    /// <summary>The address listened on (<see cref="IPAddress.Any"/> for every network).</summary>
    public IPAddress Address { get; }

    /// <summary>The port listened on (the one picked when 0 was asked for).</summary>
    public int Port { get; }

    /// <summary>Whether the server listens on every network interface (0.0.0.0 or ::).</summary>
    public bool ListensEverywhere => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);

    /// <summary>The URL to open on this machine (the loopback address when listening on every interface).</summary>
    public Uri Url => UrlFor(ListensEverywhere ? (Address.Equals(IPAddress.Any) ? IPAddress.Loopback : IPAddress.IPv6Loopback) : Address, Port);

    /// <summary>The folder served (its real path).</summary>
    public string Root => _files.Root;

    /// <summary>The URL of the site at an address and port.</summary>
    public static Uri UrlFor(IPAddress address, int port) => new UriBuilder("http", address.ToString(), port, "/").Uri;

    /// <summary>
    /// Starts serving <paramref name="directory"/> on <paramref name="address"/>:<paramref name="port"/> (0: a free
    /// port) and returns once it listens. Throws <see cref="IOException"/> when the address cannot be bound (e.g. the
    /// port is in use). Each 404 is reported as one line on <paramref name="notFoundLog"/>, if given.
    /// </summary>
    public static async Task<SiteServer> StartAsync(string directory, IPAddress address, int port, TextWriter? notFoundLog = null,
        CancellationToken cancellationToken = default)
    {
        var root = ConfinedFileProvider.RealPath(directory) ?? throw new IOException($"{directory}: too many symbolic links");
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"no folder {directory}");
        var files = new ConfinedFileProvider(root);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = root });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        builder.Services.AddSingleton<IHostLifetime, CallerStopsLifetime>();
        // Ctrl+C should not wait long for a download in progress (System.CommandLine gives the command 2 s).
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();

        app.Use(OnlyGetAndHead);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, DefaultFileNames = ["index.html"] });
        app.Use((context, next) => PickPrecompressed(context, next, files));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = ServingRules.ContentTypes,
            ServeUnknownFileTypes = true,
            DefaultContentType = ServingRules.Unknown,
            OnPrepareResponse = response => PrepareHeaders(response.Context),
        });
        app.Run(context => NotFound(context, notFoundLog));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            files.Dispose();
            throw;
        }
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new SiteServer(app, files, address, bound.Port);
    }

    /// <summary>Stops listening; requests still running get a second to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _files.Dispose();
    }

    /// <summary>What the precompression step chose for a request, read back when the headers are written.</summary>
    /// <param name="Path">The path asked for (after index.html was added), not the sibling's.</param>
    /// <param name="Coding">The Content-Encoding sent (br, gzip), or null for the file as it is.</param>
    /// <param name="HasSiblings">The file has precompressed siblings, so the response varies with Accept-Encoding.</param>
    private sealed record Selection(string Path, string? Coding, bool HasSiblings);

    private static Task OnlyGetAndHead(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) return next(context);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD";
        return Task.CompletedTask;
    }

    /// <summary>When <c>file.br</c> (or <c>file.gz</c>) exists beside the file asked for and the browser accepts it, serve that instead.</summary>
    private static Task PickPrecompressed(HttpContext context, RequestDelegate next, ConfinedFileProvider files)
    {
        var path = context.Request.Path.Value ?? "/";
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory) return next(context);

        var siblings = ServingRules.Precompressed.Where(p => files.GetFileInfo(path + p.Suffix).Exists).ToList();
        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        var chosen = siblings.FirstOrDefault(p => ServingRules.Accepts(accepted, p.Coding));
        context.Items[typeof(Selection)] = new Selection(path, chosen.Coding, siblings.Count > 0);
        if (chosen.Coding is not null) context.Request.Path = path + chosen.Suffix;
        return next(context);
    }

    /// <summary>Cache-Control, Vary and, for a precompressed sibling, Content-Encoding with the original file's type (200, 206, 304 and HEAD alike).</summary>
    private static void PrepareHeaders(HttpContext context)
    {
        var selection = context.Items[typeof(Selection)] as Selection;
        var headers = context.Response.Headers;
        headers.CacheControl = ServingRules.CacheControlFor(selection?.Path ?? context.Request.Path.Value ?? "/");
        if (selection is null) return;
        if (selection.HasSiblings) headers.Vary = "Accept-Encoding";
        if (selection.Coding is null) return;
        headers.ContentEncoding = selection.Coding;
        context.Response.ContentType = ServingRules.ContentTypeOf(selection.Path);
    }

    private static Task NotFound(HttpContext context, TextWriter? log)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value;
        log?.WriteLine($"descent serve: 404 {target}");
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync("404: no such file in this site.\n");
    }

    /// <summary>The server stops when its owner says so (Ctrl+C in <c>descent serve</c>, a test's dispose), not on signals of its own.</summary>
    private sealed class CallerStopsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
