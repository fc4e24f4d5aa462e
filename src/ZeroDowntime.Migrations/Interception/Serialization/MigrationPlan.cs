using MongoDB.Bson.Serialization;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The migrations of a document type compiled for the fast serializer path, rebuilt whenever the type's migration
/// list changes; says up front which directions can be done on the fly.
/// </summary>
internal sealed class MigrationPlan
{
    /// <summary>The most migrations per type handled on the fly; the per-document scan state lives on the stack.</summary>
    public const int MaxFastFields = 8;

    public MigrationPlan(IReadOnlyList<IFieldMigration> source, BsonClassMap classMap)
    {
        Source = source;
        Fields = source.Select(m => new MigratedField(m)).ToArray();
        MigratedField[] changing = Fields.Where(f => !f.IsDerive).ToArray();
        bool topLevel = changing.Length <= MaxFastFields && changing.All(f => f.IsTopLevel);
        CanReadFast = topLevel;

        // A class that maps the old name itself, or keeps extra elements, could write the old element twice.
        CanWriteFast = topLevel && classMap.ExtraElementsMemberMap is null
            && !changing.Any(f => classMap.AllMemberMaps.Any(m => m.ElementName == f.OldName));
    }

    /// <summary>The migration list this plan was compiled from (compared by reference to spot changes).</summary>
    public IReadOnlyList<IFieldMigration> Source { get; }

    /// <summary>One entry per migration, in registration order.</summary>
    public MigratedField[] Fields { get; }

    public bool CanReadFast { get; }

    public bool CanWriteFast { get; }
}
