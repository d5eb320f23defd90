using System.Net;
using Descent.Cli.Serving;

namespace Descent.Site.Tests.Serving;

/// <summary><c>descent serve</c>'s server over HTTP: what a browser loading the site and its WebAssembly runtime gets.</summary>
public class SiteServerTests(ServedSite site) : IClassFixture<ServedSite>
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    [Fact]
    public async Task TheRootAndEachFolderServeTheirIndexHtml()
    {
        using var root = await site.SendAsync("/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<p>the lessons</p>", await root.Content.ReadAsStringAsync());

        using var folder = await site.SendAsync("/lesson/");
        Assert.Equal(HttpStatusCode.OK, folder.StatusCode);
        Assert.Contains("A folder's own index", await folder.Content.ReadAsStringAsync());

        // Without the slash, relative links would break: redirect to it.
        using var noSlash = await site.SendAsync("/lesson");
        Assert.Equal(HttpStatusCode.MovedPermanently, noSlash.StatusCode);
        Assert.Equal("/lesson/", noSlash.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task AFolderWithoutIndexHtmlIsNotListed()
    {
        using var response = await site.SendAsync("/assets/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("site.css", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/index.html", "text/html")]
    [InlineData("/assets/site.css", "text/css")]
    [InlineData("/assets/site.js", "text/javascript")]
    [InlineData("/assets/module.mjs", "text/javascript")]
    [InlineData("/assets/icon.svg", "image/svg+xml")]
    [InlineData("/assets/font.woff2", "font/woff2")]
    [InlineData("/data/tips.csv", "text/csv")]
    [InlineData("/01-intro.ipynb", "application/x-ipynb+json")]
    [InlineData("/assets/runtime/_framework/dotnet.boot.json", "application/json")]
    [InlineData("/" + ServedSite.Wasm, "application/wasm")]
    [InlineData("/assets/runtime/_framework/System.Private.CoreLib.dll", "application/octet-stream")]
    [InlineData("/assets/runtime/_framework/System.Private.CoreLib.pdb", "application/octet-stream")]
    [InlineData("/assets/runtime/_framework/icudt.dat", "application/octet-stream")]
    [InlineData("/assets/runtime/_framework/Descent.blat", "application/octet-stream")]
    [InlineData("/assets/runtime/_framework/Descent.webcil", "application/octet-stream")]
    [InlineData("/notes.xyz", "application/octet-stream")]
    public async Task EachFileHasItsContentType(string path, string contentType)
    {
        using var response = await site.SendAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd")]
    [InlineData("br")]
    [InlineData("gzip;q=1.0, br;q=0.5")]
    [InlineData("*")]
    public async Task BrotliIsSentWhenTheBrowserAcceptsIt(string acceptEncoding)
    {
        using var response = await site.SendAsync("/" + ServedSite.Wasm, "Accept-Encoding: " + acceptEncoding);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Accept-Encoding", Header(response, "Vary"));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(site.WasmBrotli, body);
        Assert.Equal(site.WasmBytes, ServedSite.Unbrotli(body));
        Assert.Equal(site.WasmBrotli.Length, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("gzip, deflate")]
    [InlineData("br;q=0, gzip")]
    [InlineData("br;q=0, *")]
    public async Task GzipIsSentWhenBrotliIsNotAccepted(string acceptEncoding)
    {
        using var response = await site.SendAsync("/" + ServedSite.Wasm, "Accept-Encoding: " + acceptEncoding);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Accept-Encoding", Header(response, "Vary"));
        Assert.Equal(site.WasmGzip, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("deflate, zstd")]
    [InlineData("br;q=0, gzip;q=0")]
    public async Task TheFileIsSentAsItIsWhenNoSiblingIsAccepted(string? acceptEncoding)
    {
        using var response = acceptEncoding is null
            ? await site.SendAsync("/" + ServedSite.Wasm)
            : await site.SendAsync("/" + ServedSite.Wasm, "Accept-Encoding: " + acceptEncoding);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        // The answer would differ with another Accept-Encoding: a cache must know.
        Assert.Equal("Accept-Encoding", Header(response, "Vary"));
        Assert.Equal(site.WasmBytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task OnlyTheSiblingsThatExistAreUsedAndNothingIsCompressedOnTheFly()
    {
        // dotnet.js has a .br sibling only.
        using var gzipOnly = await site.SendAsync("/assets/runtime/_framework/dotnet.js", "Accept-Encoding: gzip");
        Assert.Empty(gzipOnly.Content.Headers.ContentEncoding);
        Assert.Equal("export default {};", await gzipOnly.Content.ReadAsStringAsync());
        using var brotli = await site.SendAsync("/assets/runtime/_framework/dotnet.js", "Accept-Encoding: gzip, br");
        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", brotli.Content.Headers.ContentType?.MediaType);

        // index.html has no sibling: sent as it is, and the answer does not vary.
        using var page = await site.SendAsync("/", "Accept-Encoding: gzip, br");
        Assert.Empty(page.Content.Headers.ContentEncoding);
        Assert.Equal("", Header(page, "Vary"));
        Assert.Contains("<p>the lessons</p>", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APrecompressedFileCanBeAskedForByItsOwnName()
    {
        using var response = await site.SendAsync("/" + ServedSite.Wasm + ".br", "Accept-Encoding: gzip, br");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(site.WasmBrotli, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/" + ServedSite.Wasm, "br", "public, max-age=31536000, immutable")]
    [InlineData("/" + ServedSite.Wasm, null, "public, max-age=31536000, immutable")]
    [InlineData("/assets/runtime/_framework/System.Linq.abc123xyz.wasm", null, "public, max-age=31536000, immutable")]
    [InlineData("/assets/runtime/_framework/dotnet.js", "br", "no-cache")]
    [InlineData("/assets/runtime/_framework/dotnet.boot.json", null, "no-cache")]
    [InlineData("/assets/runtime/_framework/System.Private.CoreLib.dll", null, "no-cache")]
    [InlineData("/assets/app.abcdefgh12.js", null, "no-cache")]
    [InlineData("/", null, "no-cache")]
    [InlineData("/01-intro.ipynb", null, "no-cache")]
    public async Task OnlyFingerprintedRuntimeFilesAreCachedForAYear(string path, string? acceptEncoding, string cacheControl)
    {
        using var response = acceptEncoding is null ? await site.SendAsync(path) : await site.SendAsync(path, "Accept-Encoding: " + acceptEncoding);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cacheControl, Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task AWarmReloadGets304ForAnUnchangedFile()
    {
        using var first = await site.SendAsync("/index.html");
        var etag = first.Headers.ETag?.Tag;
        Assert.NotNull(etag);
        Assert.NotNull(first.Content.Headers.LastModified);

        using var again = await site.SendAsync("/index.html", "If-None-Match: " + etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal("no-cache", Header(again, "Cache-Control"));
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());

        using var bySinceDate = await site.SendAsync("/index.html", "If-Modified-Since: " + first.Content.Headers.LastModified!.Value.ToString("R"));
        Assert.Equal(HttpStatusCode.NotModified, bySinceDate.StatusCode);

        using var otherTag = await site.SendAsync("/index.html", "If-None-Match: \"something-else\"");
        Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
    }

    [Fact]
    public async Task APrecompressedFileRevalidatesWithItsOwnTag()
    {
        using var brotli = await site.SendAsync("/assets/runtime/_framework/dotnet.js", "Accept-Encoding: br");
        using var plain = await site.SendAsync("/assets/runtime/_framework/dotnet.js");
        var brotliTag = brotli.Headers.ETag!.Tag;
        Assert.NotEqual(plain.Headers.ETag!.Tag, brotliTag);

        using var again = await site.SendAsync("/assets/runtime/_framework/dotnet.js", "Accept-Encoding: br", "If-None-Match: " + brotliTag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal("Accept-Encoding", Header(again, "Vary"));
        Assert.Equal("no-cache", Header(again, "Cache-Control"));
    }

    [Fact]
    public async Task HeadGivesTheHeadersOfGetWithoutTheBody()
    {
        using var response = await site.SendAsync(HttpMethod.Head, "/" + ServedSite.Wasm, "Accept-Encoding: br");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(site.WasmBrotli.Length, response.Content.Headers.ContentLength);
        Assert.Equal("public, max-age=31536000, immutable", Header(response, "Cache-Control"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        using var missing = await site.SendAsync(HttpMethod.Head, "/missing.html");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task OnlyGetAndHeadAreAllowed(string method)
    {
        using var response = await site.SendAsync(new HttpMethod(method), "/index.html");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task AMissingFileIs404AndReportedOnOneLine()
    {
        using var response = await site.SendAsync("/no-such-lesson.html");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("descent serve: 404 /no-such-lesson.html" + Environment.NewLine, site.NotFoundLog.ToString());
        // A file found is not reported.
        using var found = await site.SendAsync("/01-intro.html");
        Assert.DoesNotContain("01-intro.html", site.NotFoundLog.ToString());
    }

    [Theory]
    [InlineData("/../outside/secret.txt")]
    [InlineData("/lesson/../../outside/secret.txt")]
    [InlineData("/%2e%2e/outside/secret.txt")]
    [InlineData("/%2E%2E/%2E%2E/outside/secret.txt")]
    [InlineData("/..%2Foutside%2Fsecret.txt")]
    [InlineData("/%2e%2e%2foutside%2fsecret.txt")]
    [InlineData("/..%5Coutside%5Csecret.txt")]
    [InlineData("/assets/%2e%2e/%2e%2e/outside/secret.txt")]
    public async Task APathCannotClimbOutOfTheSite(string target)
    {
        var (status, response) = await site.SendRawAsync(target);
        Assert.Equal(404, status);
        Assert.DoesNotContain(ServedSite.Secret, response);
    }

    [Fact]
    public async Task ASymbolicLinkOutOfTheSiteIsRefusedAndOneInsideIsFollowed()
    {
        // The links do lead to the secret on disk: only the server refuses them.
        Assert.Equal(ServedSite.Secret, File.ReadAllText(Path.Combine(site.Directory, "leak.txt")));
        Assert.Equal(ServedSite.Secret, File.ReadAllText(Path.Combine(site.Directory, "escape", "secret.txt")));

        foreach (var path in new[] { "/leak.txt", "/escape/secret.txt", "/escape/" })
        {
            using var response = await site.SendAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(ServedSite.Secret, await response.Content.ReadAsStringAsync());
        }

        using var alias = await site.SendAsync("/alias.html");
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        Assert.Contains("<title>Intro</title>", await alias.Content.ReadAsStringAsync());
    }

    [Fact]
    public void RealPathResolvesEveryLinkOnTheWay()
    {
        var real = ConfinedFileProvider.RealPath(site.Folder)!;
        Assert.Equal(Path.Combine(real, "outside", "secret.txt"), ConfinedFileProvider.RealPath(Path.Combine(site.Directory, "escape", "secret.txt")));
        Assert.Equal(Path.Combine(real, "outside", "secret.txt"), ConfinedFileProvider.RealPath(Path.Combine(site.Directory, "leak.txt")));
        Assert.Equal(Path.Combine(real, "site", "01-intro.html"), ConfinedFileProvider.RealPath(Path.Combine(site.Directory, "alias.html")));
        // A link's ".." is taken from where the link really points, not from the link's own folder.
        Assert.Equal(Path.Combine(real, "site"), ConfinedFileProvider.RealPath(Path.Combine(site.Directory, "escape", "..", "site")));
    }
}
