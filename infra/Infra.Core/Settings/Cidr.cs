using System.Net;
using System.Net.Sockets;

namespace Infra.Core.Settings;

/// <summary>IPv4/IPv6 CIDR helpers: strict parsing (no host bits), overlap and subnet carving.</summary>
public static class Cidr
{
    public static bool TryParse(string text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text) || !text.Contains('/')) return false;
        return IPNetwork.TryParse(text.Trim(), out network) && network.ToString() == text.Trim();
    }

    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily &&
        (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    public static bool IsPrivateIpv4(IPNetwork n)
    {
        if (n.BaseAddress.AddressFamily != AddressFamily.InterNetwork) return false;
        IPNetwork[] ranges = [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16")];
        return ranges.Any(r => r.Contains(n.BaseAddress) && n.PrefixLength >= r.PrefixLength);
    }

    public static bool IsWorld(string cidr) => cidr is "0.0.0.0/0" or "::/0";

    /// <summary>The <paramref name="index"/>-th block of prefix <paramref name="newPrefix"/> inside an IPv4 network (Terraform's cidrsubnet).</summary>
    public static string Subnet(string parent, int newPrefix, int index)
    {
        var p = IPNetwork.Parse(parent);
        if (p.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException("only IPv4 networks are carved", nameof(parent));
        var bits = newPrefix - p.PrefixLength;
        if (bits < 0 || newPrefix > 32 || index < 0 || index >= 1L << bits)
            throw new ArgumentOutOfRangeException(nameof(index), $"{parent} has no block {index} of /{newPrefix}");
        var bytes = p.BaseAddress.GetAddressBytes();
        var baseValue = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var value = baseValue + ((uint)index << (32 - newPrefix));
        var address = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        return $"{address}/{newPrefix}";
    }
}
