using Descent.Cli.Serving;
using Microsoft.Net.Http.Headers;

namespace Descent.Site.Tests.Serving;

/// <summary>The rules <c>descent serve</c> follows, one at a time: fingerprints and Accept-Encoding.</summary>
public class ServingRulesTests
{
    [Theory]
    [InlineData("/assets/runtime/_framework/dotnet.native.abcdefgh12.wasm", true)]
    [InlineData("/assets/runtime/_framework/System.Linq.abc123xyz.wasm", true)]
    [InlineData("/_framework/dotnet.runtime.0a1b2c3d4e.js", true)]
    [InlineData("/_framework/sub/Descent.abcdefgh.dll", true)]
    [InlineData("/assets/runtime/_framework/dotnet.js", false)]
    [InlineData("/assets/runtime/_framework/dotnet.native.wasm", false)]
    [InlineData("/assets/runtime/_framework/System.Collections.wasm", false)]
    [InlineData("/assets/runtime/_framework/Descent.ABCDEFGH12.wasm", false)]
    [InlineData("/assets/runtime/_framework/Descent.abcdefg.wasm", false)]
    [InlineData("/assets/runtime/_framework/dotnet.native.abcdefgh12.wasm.br", false)]
    [InlineData("/assets/runtime/dotnet.native.abcdefgh12.wasm", false)]
    [InlineData("/_framework.old/dotnet.native.abcdefgh12.wasm", false)]
    [InlineData("/dotnet.native.abcdefgh12.wasm", false)]
    public void AFingerprintIsEightOrMoreLowercaseLettersAndDigitsBetweenTheLastTwoDotsUnderFramework(string path, bool fingerprinted)
    {
        Assert.Equal(fingerprinted, ServingRules.IsFingerprintedRuntimeFile(path));
        Assert.Equal(fingerprinted ? "public, max-age=31536000, immutable" : "no-cache", ServingRules.CacheControlFor(path));
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br", true)]
    [InlineData("gzip, deflate, br", "gzip", true)]
    [InlineData("gzip", "br", false)]
    [InlineData("BR", "br", true)]
    [InlineData("br;q=0", "br", false)]
    [InlineData("br;q=0.001", "br", true)]
    [InlineData("*", "br", true)]
    [InlineData("*;q=0", "gzip", false)]
    [InlineData("br;q=0, *", "br", false)]
    [InlineData("br;q=0, *", "gzip", true)]
    [InlineData("identity", "gzip", false)]
    [InlineData("", "gzip", false)]
    public void AcceptEncodingAllowsACodingNamedOrByWildcardAboveQualityZero(string header, string coding, bool accepted)
    {
        var values = StringWithQualityHeaderValue.ParseList(header.Length == 0 ? [] : [header]);
        Assert.Equal(accepted, ServingRules.Accepts(values, coding));
    }
}
