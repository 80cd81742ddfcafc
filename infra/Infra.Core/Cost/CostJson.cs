using System.Text.Json;

namespace Infra.Core.Cost;

/// <summary>The cost estimate as a JSON object, for the JSON plan and the JSON diff.</summary>
public static class CostJson
{
    public static void Write(Utf8JsonWriter w, CostEstimate e, ReferenceComparison? reference = null)
    {
        w.WriteStartObject();
        w.WriteString("region", e.Region);
        w.WriteString("currency", "USD");
        w.WriteNumber("hoursPerMonth", AwsPriceTable.HoursPerMonth);
        // "monthly" is the first month's priced total: a lower bound when "complete" is false, null when nothing is priced.
        Amount(w, "monthly", e.Monthly, e);
        if (e.HorizonMonths is { } months)
        {
            Amount(w, "monthlyAtHorizon", e.MonthlyAtHorizon, e);
            w.WriteNumber("horizonMonths", months);
        }
        w.WriteBoolean("complete", e.IsComplete);
        w.WriteString("total", CostWording.TotalPhrase(e));
        w.WriteNumber("unknownPrices", e.UnknownPrices);
        w.WriteStartArray("unpriced");
        foreach (var l in e.Unpriced)
        {
            w.WriteStartObject();
            w.WriteString("component", l.Component);
            w.WriteString("resource", l.Resource);
            w.WriteString("item", l.Item);
            w.WriteString("reason", l.Source);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("usageBased", e.UsageBased);
        if (e.Storage is { } storage)
        {
            w.WriteStartObject("fileStorage");
            w.WriteNumber("firstMonthGb", storage.FirstMonthGb);
            w.WriteNumber("horizonGb", storage.HorizonGb);
            w.WriteNumber("horizonMonths", storage.HorizonMonths);
            w.WriteEndObject();
        }
        w.WriteStartArray("components");
        foreach (var c in e.Components)
        {
            w.WriteStartObject();
            w.WriteString("component", c.Component);
            w.WriteNumber("monthly", c.Monthly);
            if (e.HorizonMonths is not null) w.WriteNumber("monthlyAtHorizon", c.MonthlyAtHorizon);
            w.WriteNumber("unknownPrices", c.UnknownPrices);
            w.WriteNumber("usageBased", c.UsageBased);
            w.WriteNumber("noChargeResources", c.NoChargeResources);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("lines");
        foreach (var l in e.Lines)
        {
            w.WriteStartObject();
            w.WriteString("component", l.Component);
            w.WriteString("resource", l.Resource);
            w.WriteString("item", l.Item);
            w.WriteString("status", l.Status switch { CostStatus.Priced => "priced", CostStatus.UsageBased => "usage-based", _ => "unknown-price" });
            w.WriteNumber("quantity", l.Quantity);
            if (l.HorizonQuantity is { } hq) w.WriteNumber("quantityAtHorizon", hq);
            w.WriteString("unit", l.Unit);
            if (l.UnitPrice is { } u) w.WriteNumber("unitPrice", u); else w.WriteNull("unitPrice");
            if (l.Monthly is { } m) w.WriteNumber("monthly", m); else w.WriteNull("monthly");
            if (l.HorizonMonthly is { } hm) w.WriteNumber("monthlyAtHorizon", hm);
            w.WriteString("source", l.Source);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (reference is not null)
        {
            w.WriteStartObject("referenceArchitecture");
            w.WriteNumber("tier", reference.Tier.ConcurrentUsers);
            w.WriteNumber("designLoad", reference.DesignLoad);
            w.WriteString("source", reference.Tier.Source);
            w.WriteStartArray("parts");
            foreach (var p in reference.Parts)
            {
                w.WriteStartObject();
                w.WriteString("part", p.Part);
                w.WriteString("stack", p.Stack);
                if (p.StackMonthly is { } s) w.WriteNumber("stackMonthly", s); else w.WriteNull("stackMonthly");
                w.WriteString("reference", p.Reference);
                if (p.ReferenceMonthly is { } r) w.WriteNumber("referenceMonthly", r); else w.WriteNull("referenceMonthly");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("stackMonthly", reference.StackMonthly);
            w.WriteNumber("referenceMonthly", reference.ReferenceMonthly);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Amount(Utf8JsonWriter w, string name, decimal amount, CostEstimate e)
    {
        if (!e.IsComplete && !e.HasPricedItems && amount == 0) w.WriteNull(name);
        else w.WriteNumber(name, amount);
    }
}
