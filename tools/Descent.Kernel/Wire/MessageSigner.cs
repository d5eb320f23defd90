using System.Security.Cryptography;
using System.Text;

namespace Descent.Kernel.Wire;

/// <summary>
/// HMAC signatures of Jupyter messages: the hex digest of the key-ed hash over the serialized header, parent
/// header, metadata and content, in that order (messaging.rst, "The Wire Protocol"). An empty key disables
/// signing: messages then carry an empty signature and every signature is accepted.
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;
    private readonly HashAlgorithmName _algorithm;

    private MessageSigner(byte[] key, HashAlgorithmName algorithm)
    {
        _key = key;
        _algorithm = algorithm;
    }

    /// <summary>Whether messages are signed (the key is not empty).</summary>
    public bool Enabled => _key.Length > 0;

    /// <summary>The signer for a connection file's <c>signature_scheme</c> and <c>key</c>.</summary>
    /// <exception cref="KernelStartupException">The scheme is not <c>hmac-</c> followed by a known hash.</exception>
    public static MessageSigner Create(string signatureScheme, string key)
    {
        var algorithm = signatureScheme.ToLowerInvariant() switch
        {
            "hmac-sha256" => HashAlgorithmName.SHA256,
            "hmac-sha384" => HashAlgorithmName.SHA384,
            "hmac-sha512" => HashAlgorithmName.SHA512,
            "hmac-sha1" => HashAlgorithmName.SHA1,
            "hmac-md5" => HashAlgorithmName.MD5,
            _ => throw new KernelStartupException(
                $"unknown signature_scheme '{signatureScheme}'; expected hmac-sha256 (or hmac-sha1/-sha384/-sha512/-md5)"),
        };
        return new MessageSigner(Encoding.UTF8.GetBytes(key), algorithm);
    }

    /// <summary>The lowercase hex signature of the four serialized dictionaries ("" when signing is off).</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader,
                       ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return "";
        using var hmac = IncrementalHash.CreateHMAC(_algorithm, _key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>
    /// Whether <paramref name="signature"/> (the frame's bytes) is the signature of the four dictionaries,
    /// compared in constant time. With signing off, every signature verifies.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader,
                       ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return true;
        string expected = Sign(header, parentHeader, metadata, content);
        Span<byte> expectedBytes = stackalloc byte[expected.Length];
        Encoding.ASCII.GetBytes(expected, expectedBytes);
        return signature.Length == expectedBytes.Length
            && CryptographicOperations.FixedTimeEquals(signature, expectedBytes);
    }
}
