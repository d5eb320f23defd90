using System.Text;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Tests.Protocol;

public class SigningTests
{
    private const string Key = "a0436f6c-1916-498b-8eb9-e81ab9368e84";
    private static readonly byte[] Header = Encoding.UTF8.GetBytes(
        """{"msg_id":"m1","msg_type":"kernel_info_request","session":"s1","username":"u","date":"2026-11-23T10:00:00.000000Z","version":"5.3"}""");
    private static readonly byte[] Empty = "{}"u8.ToArray();

    [Fact]
    public void Sha256_signature_over_the_four_frames_is_the_RFC_4231_digest_of_their_concatenation()
    {
        // RFC 4231 test case 1: key 0x0b * 20, data "Hi There". The signature hashes the frames back to back.
        var signer = MessageSigner.Create("hmac-sha256", Encoding.Latin1.GetString(Enumerable.Repeat((byte)0x0b, 20).ToArray()));
        Assert.Equal("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                     signer.Sign("Hi"u8, " "u8, "The"u8, "re"u8));
    }

    [Fact]
    public void Signature_matches_jupyter_client_Session_sign_for_a_kernel_info_request()
    {
        // Vector from jupyter_client 7.4.9: Session(key=KEY, signature_scheme=...).sign([header, b"{}", b"{}", b"{}"]).
        Assert.Equal("10201967c6fad2c209c8948c8f2662c14fa1eb5a72a2bc429a2cf2dbbcdee61e",
                     MessageSigner.Create("hmac-sha256", Key).Sign(Header, Empty, Empty, Empty));
        Assert.Equal("31b9dab7ec54fa6f7752f214142fe7a72ab891b239e087e12a26598d123699836fefd4eac267e73e18f53e8d76f662340da18c51312b92514262c908e74b9dfd",
                     MessageSigner.Create("hmac-sha512", Key).Sign(Header, Empty, Empty, Empty));
    }

    [Fact]
    public void Verify_accepts_the_right_signature_and_refuses_a_changed_byte_or_another_key()
    {
        var signer = MessageSigner.Create("hmac-sha256", Key);
        byte[] good = "10201967c6fad2c209c8948c8f2662c14fa1eb5a72a2bc429a2cf2dbbcdee61e"u8.ToArray();
        Assert.True(signer.Verify(good, Header, Empty, Empty, Empty));
        Assert.False(signer.Verify(good, Header, Empty, Empty, "{ }"u8));
        Assert.False(signer.Verify(good[..^1], Header, Empty, Empty, Empty));
        Assert.False(signer.Verify([], Header, Empty, Empty, Empty));
        Assert.False(MessageSigner.Create("hmac-sha256", "another key").Verify(good, Header, Empty, Empty, Empty));
    }

    [Fact]
    public void Empty_key_disables_signing_and_accepts_any_signature()
    {
        var signer = MessageSigner.Create("hmac-sha256", "");
        Assert.False(signer.Enabled);
        Assert.Equal("", signer.Sign(Header, Empty, Empty, Empty));
        Assert.True(signer.Verify("whatever"u8, Header, Empty, Empty, Empty));
    }

    [Fact]
    public void Unknown_signature_scheme_is_refused_with_the_schemes_that_work()
    {
        var e = Assert.Throws<KernelStartupException>(() => MessageSigner.Create("hmac-whirlpool", Key));
        Assert.Contains("hmac-whirlpool", e.Message);
        Assert.Contains("hmac-sha256", e.Message);
    }
}
