using System.Net;
using System.Net.Sockets;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// A tiny static file server for a site folder on http://127.0.0.1 (a free port), for the pages that need http: a
/// module worker and fetch() do not run from file://. GET and HEAD only; files under the folder only; no caching.
/// </summary>
public sealed class StaticSiteServer : IDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".ipynb"] = "application/x-ipynb+json",
        [".wasm"] = "application/wasm",
        [".woff2"] = "font/woff2",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly HttpListener listener = new();
    private readonly string root;
    private readonly Task loop;

    /// <summary>Starts serving <paramref name="folder"/>.</summary>
    public StaticSiteServer(string folder)
    {
        root = Path.GetFullPath(folder);
        // A free port: the system picks one for a moment, and the listener takes it.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Origin = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Origin + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>The origin the site is served from, without a trailing slash (http://127.0.0.1:port).</summary>
    public string Origin { get; }

    /// <summary>The URL of a file of the site, from its site-relative path.</summary>
    public string Url(string relative) => Origin + "/" + relative;

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => Respond(context));
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var request = context.Request;
            var path = Uri.UnescapeDataString(request.Url!.AbsolutePath).TrimStart('/');
            if (path.Length == 0 || path.EndsWith('/')) path += "index.html";
            var file = Path.GetFullPath(Path.Combine(root, path));
            if (request.HttpMethod is not ("GET" or "HEAD"))
                response.StatusCode = 405;
            else if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
                response.StatusCode = 404;
            else
            {
                var content = File.ReadAllBytes(file);
                response.StatusCode = 200;
                response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
                response.Headers["Cache-Control"] = "no-store";
                response.ContentLength64 = content.Length;
                if (request.HttpMethod == "GET") response.OutputStream.Write(content);
            }
        }
        catch (HttpListenerException)
        {
            // the browser went away (a terminated worker, a closed page)
        }
        catch (IOException)
        {
            // the same, seen while writing
        }
        finally
        {
            try { response.Close(); } catch (HttpListenerException) { } catch (ObjectDisposedException) { }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
