using System.Globalization;

namespace Infra.Core.Cost;

/// <summary>Invariant formatting of amounts and quantities, so that every rendering is byte-stable.</summary>
public static class Money
{
    public static string Usd(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Signed(decimal amount) => amount > 0 ? "+" + Usd(amount) : amount == 0 ? "$0.00" : Usd(amount);

    public static string UnitPrice(decimal price) => "$" + price.ToString("#,0.00###", CultureInfo.InvariantCulture);

    public static string Quantity(decimal quantity) => quantity.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Usd(decimal? amount) => amount is { } a ? Usd(a) : "unknown";
}
