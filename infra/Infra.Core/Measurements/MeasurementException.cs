namespace Infra.Core.Measurements;

/// <summary>
/// An export that cannot be used: malformed, partial, gapped, of another stack. Names the file and, where there is one,
/// the JSON path of the value at fault (<c>$.MetricDataResults[2].StatusCode</c>; "document 2" when a file holds several).
/// </summary>
public sealed class MeasurementException(string file, string path, string message)
    : Exception(path.Length == 0 ? $"{file}: {message}" : $"{file}: {path}: {message}")
{
    public string File { get; } = file;

    public string JsonPath { get; } = path;

    public string Problem { get; } = message;
}
