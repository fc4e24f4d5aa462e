using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The process-global list of migrations of one document type, read by its <see cref="MigratingSerializer{TDocument}"/>.
/// The driver has one serializer per type for the whole process, so registration is global too; a migration
/// registered again by another service provider (tests) is accepted when it is the same.
/// </summary>
internal static class TypeMigrations
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<Type, object> ByType = [];

    /// <summary>Registers <paramref name="migration"/> and, for the type's first migration, its serializer.</summary>
    public static void Register<TDocument>(IFieldMigration<TDocument> migration)
    {
        lock (Gate)
        {
            if (!ByType.TryGetValue(typeof(TDocument), out object? existing))
            {
                var list = new TypeMigrations<TDocument>();
                list.Add(migration);
                try
                {
                    BsonSerializer.RegisterSerializer(typeof(TDocument), new MigratingSerializer<TDocument>(list));
                }
                catch (BsonSerializationException e)
                {
                    throw new MigrationRegistrationException(migration.Id,
                        $"Migration '{migration.Id}' cannot be registered: {typeof(TDocument).Name} was already serialized or had a serializer registered " +
                        "before the migration was added. Register migrations at start-up, before anything reads or writes the type.", e);
                }

                ByType.Add(typeof(TDocument), list);
                return;
            }

            ((TypeMigrations<TDocument>)existing).Add(migration);
        }
    }
}

/// <summary>The migrations of <typeparamref name="TDocument"/>, as an immutable snapshot swapped on change.</summary>
internal sealed class TypeMigrations<TDocument>
{
    private volatile IFieldMigration[] migrations = [];

    public IReadOnlyList<IFieldMigration> Current => migrations;

    public void Add(IFieldMigration migration)
    {
        foreach (IFieldMigration existing in migrations)
        {
            if (existing.Id == migration.Id)
            {
                if (existing.CollectionName == migration.CollectionName && existing.OldPath == migration.OldPath
                    && existing.NewPath == migration.NewPath && existing.Kind == migration.Kind)
                {
                    return; // The same migration, registered by another service provider.
                }

                throw new MigrationRegistrationException(migration.Id,
                    $"Migration '{migration.Id}' is registered twice in this process with different definitions ({existing} and {migration}).");
            }

            if (MigrationRegistry.SharesField(existing, migration))
            {
                throw new MigrationRegistrationException(migration.Id,
                    $"Migration '{migration.Id}' conflicts with migration '{existing.Id}': both change {typeof(TDocument).Name} fields " +
                    $"{existing.OldPath}/{existing.NewPath} and {migration.OldPath}/{migration.NewPath}.");
            }
        }

        migrations = [.. migrations, migration];
    }
}
