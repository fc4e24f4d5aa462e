using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZeroDowntime.Migrations.Tests.Infrastructure;

/// <summary>Captures every log line as a console logger would print it: the message, then the exception's full text.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public string Text => string.Join(Environment.NewLine, lines);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

    public void AddProvider(ILoggerProvider provider)
    {
        // Everything is captured here; other providers are not needed in tests.
    }

    public void Dispose()
    {
        // Nothing to release.
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
    }
}
