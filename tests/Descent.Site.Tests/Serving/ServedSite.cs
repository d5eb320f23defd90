using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Descent.Cli.Serving;

namespace Descent.Site.Tests.Serving;

/// <summary>
/// A small site on disk, shaped like an export with the WebAssembly runtime, served on a free loopback port for a
/// test class. Beside it, outside the served folder, a secret file that no request may reach.
/// </summary>
public sealed class ServedSite : IAsyncLifetime
{
    /// <summary>The runtime file with a fingerprint and both precompressed siblings.</summary>
    public const string Wasm = "assets/runtime/_framework/dotnet.native.abcdefgh12.wasm";

    /// <summary>What the secret file outside the site holds.</summary>
    public const string Secret = "the answers to the exam";

    private SiteServer? server;

    /// <summary>The folder that holds the site (site/) and the secret (outside/).</summary>
    public string Folder { get; } = TestPaths.NewTempFolder();

    /// <summary>The served folder.</summary>
    public string Directory => Path.Combine(Folder, "site");

    /// <summary>The bytes of <see cref="Wasm"/> as they are, and its .br and .gz siblings.</summary>
    public byte[] WasmBytes { get; } = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7 % 251)).ToArray();

    public byte[] WasmBrotli { get; private set; } = [];

    public byte[] WasmGzip { get; private set; } = [];

    /// <summary>The server's 404 report.</summary>
    public StringWriter NotFoundLog { get; } = new();

    /// <summary>The site's URL.</summary>
    public Uri Url => server?.Url ?? throw new InvalidOperationException("not started");

    /// <summary>A client that leaves the bytes as sent: no automatic decompression, no redirects followed.</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false });

    public async Task InitializeAsync()
    {
        Write("index.html", "<!DOCTYPE html><title>Descent</title><p>the lessons</p>");
        Write("01-intro.html", "<!DOCTYPE html><title>Intro</title>");
        Write("01-intro.ipynb", "{\"cells\": [], \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}");
        Write("lesson/index.html", "<!DOCTYPE html><title>A folder's own index</title>");
        Write("assets/site.css", "body { margin: 0 }");
        Write("assets/site.js", "export const x = 1;");
        Write("assets/module.mjs", "export const y = 2;");
        Write("assets/icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Write("assets/font.woff2", "wOF2");
        Write("assets/app.abcdefgh12.js", "// fingerprint-like name, but not under _framework/");
        Write("data/tips.csv", "total_bill,tip\n16.99,1.01\n");
        Write("notes.xyz", "an extension nobody knows");
        Write("assets/runtime/_framework/dotnet.js", "export default {};");
        Write("assets/runtime/_framework/dotnet.js.br", Brotli(Encoding.UTF8.GetBytes("export default {};")));
        Write("assets/runtime/_framework/dotnet.boot.json", "{}");
        Write("assets/runtime/_framework/System.Linq.abc123xyz.wasm", "\0asm");
        Write("assets/runtime/_framework/System.Private.CoreLib.dll", "MZ");
        Write("assets/runtime/_framework/System.Private.CoreLib.pdb", "pdb");
        Write("assets/runtime/_framework/icudt.dat", "icu");
        Write("assets/runtime/_framework/Descent.blat", "blat");
        Write("assets/runtime/_framework/Descent.webcil", "webcil");
        WasmBrotli = Brotli(WasmBytes);
        WasmGzip = Gzip(WasmBytes);
        Write(Wasm, WasmBytes);
        Write(Wasm + ".br", WasmBrotli);
        Write(Wasm + ".gz", WasmGzip);

        // Outside the site: a secret, and links from inside the site to it, to its folder, and to a page inside.
        var outside = Path.Combine(Folder, "outside");
        System.IO.Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), Secret);
        File.CreateSymbolicLink(Path.Combine(Directory, "leak.txt"), Path.Combine(outside, "secret.txt"));
        System.IO.Directory.CreateSymbolicLink(Path.Combine(Directory, "escape"), "../outside");
        File.CreateSymbolicLink(Path.Combine(Directory, "alias.html"), "01-intro.html");

        server = await SiteServer.StartAsync(Directory, IPAddress.Loopback, 0, TextWriter.Synchronized(NotFoundLog));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (server is not null) await server.DisposeAsync();
    }

    /// <summary>A GET (or another method) for a path of the site, with the headers given as "Name: value".</summary>
    public Task<HttpResponseMessage> SendAsync(string path, params string[] headers) => SendAsync(HttpMethod.Get, path, headers);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params string[] headers)
    {
        var request = new HttpRequestMessage(method, new Uri(Url, path));
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':');
            request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
        }
        return await Client.SendAsync(request);
    }

    /// <summary>
    /// Sends a request line exactly as written (HttpClient would tidy <c>..</c> away) and returns the status code and
    /// the whole response text.
    /// </summary>
    public async Task<(int Status, string Response)> SendRawAsync(string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Url.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var statusLine = response[..response.IndexOf('\r')];
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), response);
    }

    public static byte[] Brotli(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize)) brotli.Write(bytes);
        return output.ToArray();
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(bytes);
        return output.ToArray();
    }

    public static byte[] Unbrotli(byte[] bytes)
    {
        using var input = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private void Write(string path, string text) => Write(path, Encoding.UTF8.GetBytes(text));

    private void Write(string path, byte[] bytes)
    {
        var full = Path.Combine(Directory, path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }
}
