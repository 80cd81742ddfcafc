namespace Infra.Core.Cost;

/// <summary>
/// One on-demand list price: what is billed, per which unit, in which region, and where the number comes
/// from and how old it is. <see cref="Usd"/> is null when no source could confirm it: such a price is
/// reported as unknown, never guessed.
/// </summary>
public sealed record Price(string Key, string Region, string Unit, decimal? Usd, string Source, string Date)
{
    public bool IsKnown => Usd is not null;
}
