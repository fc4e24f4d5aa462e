namespace ZeroDowntime.Migrations;

/// <summary>The migrations registered in one service provider.</summary>
internal sealed class MigrationRegistry
{
    private readonly List<IFieldMigration> migrations = [];

    public IReadOnlyList<IFieldMigration> All => migrations;

    public IFieldMigration Get(string migrationId) =>
        migrations.Find(m => m.Id == migrationId)
        ?? throw new ZeroDowntimeMigrationException(migrationId, $"No migration with id '{migrationId}' is registered (registered: {string.Join(", ", migrations.Select(m => m.Id))}).");

    public IReadOnlyList<IFieldMigration> ForDocument(Type documentType) => migrations.Where(m => m.DocumentType == documentType).ToList();

    /// <summary>Adds a migration, refusing a duplicate id or a second migration of the same field.</summary>
    public void Add(IFieldMigration migration)
    {
        foreach (IFieldMigration existing in migrations)
        {
            if (existing.Id == migration.Id)
            {
                throw new MigrationValidationException(migration.Id, "a migration with this id is already registered.");
            }

            if (existing.CollectionName == migration.CollectionName && SharesField(existing, migration))
            {
                throw new MigrationValidationException(migration.Id,
                    $"it changes the same field of collection '{migration.CollectionName}' as migration '{existing.Id}' ({existing.OldPath} -> {existing.NewPath}); run them one after the other.");
            }
        }

        if (migrations.Any(m => m.DocumentType == migration.DocumentType && m.CollectionName != migration.CollectionName))
        {
            throw new MigrationValidationException(migration.Id,
                $"{migration.DocumentType.Name} already has migrations on another collection; one document type maps to one migrating collection.");
        }

        migrations.Add(migration);
    }

    /// <summary>Whether two migrations touch a common element (equal paths, or one inside the other).</summary>
    public static bool SharesField(IFieldMigration a, IFieldMigration b)
    {
        string[] first = [a.OldPath, a.NewPath];
        string[] second = [b.OldPath, b.NewPath];
        return first.Any(x => second.Any(y => x == y || x.StartsWith(y + ".", StringComparison.Ordinal) || y.StartsWith(x + ".", StringComparison.Ordinal)));
    }
}
