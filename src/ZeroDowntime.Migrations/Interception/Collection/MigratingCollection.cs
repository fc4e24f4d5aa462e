using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using MongoDB.Driver.Search;
using ZeroDowntime.Migrations.Interception.Rewriting;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// The collection the application uses while its fields migrate (DESIGN §4): every call runs with the phases of this
/// collection's migrations current (for the process-global serializer), and its filters, updates, projections, sorts and
/// pipelines are rewritten so that they behave as if every document already held its new field. The many overloads of
/// <see cref="IMongoCollection{TDocument}"/> are funnelled into one private path per operation, in partial files by
/// concern; session overloads differ only in passing the session on.
/// </summary>
/// <typeparam name="TDocument">The document class (the V2 model).</typeparam>
internal sealed partial class MigratingCollection<TDocument> : IMongoCollection<TDocument>
{
    private readonly IMongoCollection<TDocument> inner;
    private readonly IReadOnlyList<IFieldMigration> migrations;
    private readonly IPhaseSource phases;

    /// <summary>Decorates <paramref name="inner"/> with the migrations of its collection.</summary>
    /// <param name="inner">The driver's collection.</param>
    /// <param name="migrations">The migrations of this collection's document type and name.</param>
    /// <param name="phases">The phases of those migrations.</param>
    public MigratingCollection(IMongoCollection<TDocument> inner, IReadOnlyList<IFieldMigration> migrations, IPhaseSource phases)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(phases);
        this.inner = inner;
        this.migrations = migrations;
        this.phases = phases;
    }

    /// <inheritdoc />
    public CollectionNamespace CollectionNamespace => inner.CollectionNamespace;

    /// <summary>
    /// The inner collection's database. Collections obtained from it with <c>GetCollection</c> are not decorated: their
    /// filters, updates and pipelines are sent as written (whole documents still go through the migrating serializer).
    /// </summary>
    public IMongoDatabase Database => inner.Database;

    /// <inheritdoc />
    public IBsonSerializer<TDocument> DocumentSerializer => inner.DocumentSerializer;

    /// <summary>
    /// The inner collection's index manager, unchanged: an index on the new field is created as asked (the migration's
    /// own index is created by <c>up</c>), and nothing is done about indexes on the old field — drop them yourself once the
    /// migration is <see cref="MigrationPhase.Completed"/>. Note that while reads coalesce, queries on the new field are
    /// rewritten into an <c>$or</c> over both fields, which uses an index only when both fields are indexed.
    /// </summary>
    public IMongoIndexManager<TDocument> Indexes => inner.Indexes;

    /// <summary>The inner collection's search index manager, unchanged (search indexes are not migrated).</summary>
    public IMongoSearchIndexManager SearchIndexes => inner.SearchIndexes;

    /// <inheritdoc />
    public MongoCollectionSettings Settings => inner.Settings;

    /// <inheritdoc />
    public IMongoCollection<TDocument> WithReadConcern(ReadConcern readConcern) =>
        new MigratingCollection<TDocument>(inner.WithReadConcern(readConcern), migrations, phases);

    /// <inheritdoc />
    public IMongoCollection<TDocument> WithReadPreference(ReadPreference readPreference) =>
        new MigratingCollection<TDocument>(inner.WithReadPreference(readPreference), migrations, phases);

    /// <inheritdoc />
    public IMongoCollection<TDocument> WithWriteConcern(WriteConcern writeConcern) =>
        new MigratingCollection<TDocument>(inner.WithWriteConcern(writeConcern), migrations, phases);

    /// <summary>
    /// Refused while any migration is before <see cref="MigrationPhase.Completed"/>: a derived type has its own serializer,
    /// which neither coalesces nor dual-writes, so its reads would miss old documents and its writes would leave V1 code
    /// without the old field. Once every migration is completed the inner collection's <c>OfType</c> is returned.
    /// </summary>
    /// <typeparam name="TDerivedDocument">The derived document type.</typeparam>
    /// <returns>The inner collection filtered to the derived type.</returns>
    public IFilteredMongoCollection<TDerivedDocument> OfType<TDerivedDocument>()
        where TDerivedDocument : TDocument
    {
        foreach (ActiveMigration migration in Active())
        {
            if (migration.Phase < MigrationPhase.Completed)
            {
                throw new MigrationNotSupportedException(migration.Migration.Id, migration.Phase, $"OfType<{typeof(TDerivedDocument).Name}>",
                    "documents of a derived type are not read or written through the migrating serializer. Query the base type and filter on the discriminator.");
            }
        }

        return inner.OfType<TDerivedDocument>();
    }

    /// <summary>The phase of each migration, read once per call (a corrupted state throws and surfaces).</summary>
    private ActiveMigration[] Active()
    {
        var active = new ActiveMigration[migrations.Count];
        for (int i = 0; i < active.Length; i++)
        {
            active[i] = new ActiveMigration(migrations[i], phases.GetPhase(migrations[i]));
        }

        return active;
    }

    /// <summary>Makes this collection's phases current for the serializer until disposed.</summary>
    private PhaseContext.Scope Enter() => PhaseContext.Enter(phases);

    /// <summary>The first migration whose reads still coalesce (before <see cref="MigrationPhase.SwitchRead"/>).</summary>
    private static ActiveMigration? FirstBeforeSwitchRead(IReadOnlyList<ActiveMigration> active)
    {
        foreach (ActiveMigration migration in active)
        {
            if (migration.Phase < MigrationPhase.SwitchRead)
            {
                return migration;
            }
        }

        return null;
    }

    /// <summary>The first migration whose reads still coalesce and whose new field <paramref name="definition"/> mentions.</summary>
    private static ActiveMigration? CoalescingMigrationIn(BsonValue definition, IReadOnlyList<ActiveMigration> active)
    {
        foreach (ActiveMigration migration in active)
        {
            if (migration.Phase < MigrationPhase.SwitchRead && FieldMentions.Mentions(definition, migration.Migration.NewPath))
            {
                return migration;
            }
        }

        return null;
    }
}
