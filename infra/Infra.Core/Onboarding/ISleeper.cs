namespace Infra.Core.Onboarding;

/// <summary>Waiting and the clock, injected so that tests can run backoff and rate limits without sleeping.</summary>
public interface ISleeper
{
    DateTimeOffset Now { get; }

    void Sleep(TimeSpan duration);
}

/// <summary>The real clock.</summary>
public sealed class SystemSleeper : ISleeper
{
    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public void Sleep(TimeSpan duration) => Thread.Sleep(duration);
}
