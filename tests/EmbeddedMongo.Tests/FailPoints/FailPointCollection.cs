namespace EmbeddedMongo.Tests.FailPoints;

/// <summary>
/// The server has one <c>failCommand</c> fail point: test classes that configure it on the shared server run one at a
/// time. Each test also scopes its fail point to its own application name, so other classes' traffic is never hit.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailPointCollection
{
    public const string Name = "failCommand";
}
