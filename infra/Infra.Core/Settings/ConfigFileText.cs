using System.Text;

namespace Infra.Core.Settings;

/// <summary>Why a file could not be read as text; the caller adds the file's name and turns it into its own error.</summary>
public sealed class UnreadableFileException(string reason) : Exception(reason);

/// <summary>
/// Reads a small input file as strict UTF-8 text. Anything else is refused with a reason instead of a
/// hang (a FIFO waits for a writer), a crash (a directory) or silently replaced characters (invalid bytes).
/// </summary>
public static class ConfigFileText
{
    /// <summary>Pulumi project and stack files are kilobytes; anything this large is not one.</summary>
    public const long ConfigMaxBytes = 1L * 1024 * 1024;

    /// <summary>Plans, programs and <c>pulumi preview --json</c> output of large stacks run to megabytes.</summary>
    public const long DocumentMaxBytes = 256L * 1024 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path, long maxBytes)
    {
        if (Directory.Exists(path)) throw new UnreadableFileException("is a directory, not a file");
        if (!File.Exists(path)) throw new UnreadableFileException("not found");
        try
        {
            // FIFOs, sockets and devices report length 0 and may block or never end when opened; .NET does
            // not tell their type, so nothing of length 0 is opened (an empty file is no configuration either).
            var length = new FileInfo(path).Length;
            if (length == 0) throw new UnreadableFileException("is empty, or not a regular file (a FIFO, socket or device)");
            if (length > maxBytes) throw new UnreadableFileException($"is larger than {maxBytes / 1024 / 1024} MB ({length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes)");
            var bytes = File.ReadAllBytes(path);
            var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
            try
            {
                return Strict.GetString(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException e)
            {
                throw new UnreadableFileException($"is not valid UTF-8 (byte 0x{e.BytesUnknown?.FirstOrDefault():X2} at offset {start + e.Index})");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableFileException($"cannot be read: {e.Message}");
        }
    }
}
