using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// A change stream cursor stepped with the collection's phases current. <see cref="ChangeStreamDocument{TDocument}"/>
/// deserializes <c>FullDocument</c> each time it is read, so reads of it after <c>MoveNext</c> use the phases of
/// <see cref="PhaseContext.Current"/> at that moment (the process's last phase source outside a decorator call).
/// </summary>
/// <typeparam name="TDocument">The result type.</typeparam>
internal sealed class PhaseScopedChangeStreamCursor<TDocument>(IChangeStreamCursor<TDocument> stream, IPhaseSource phases)
    : PhaseScopedCursor<TDocument>(stream, phases), IChangeStreamCursor<TDocument>
{
    public BsonDocument GetResumeToken() => ((IChangeStreamCursor<TDocument>)Inner).GetResumeToken();
}
