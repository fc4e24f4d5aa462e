namespace ZeroDowntime.Migrations;

/// <summary>
/// The class-based way to write a migration: derive, give it an <see cref="Id"/> and describe it in
/// <see cref="Configure"/>; register it with <c>AddFieldMigration&lt;TMigration&gt;()</c>.
/// </summary>
/// <typeparam name="TDocument">The document class the application reads and writes (the V2 model).</typeparam>
/// <example>
/// <code>
/// public sealed class UserDisplayName : FieldMigration&lt;User&gt;
/// {
///     public override string Id =&gt; "2025-11-user-displayname";
///     protected override void Configure(FieldMigrationBuilder&lt;User&gt; migration) =&gt;
///         migration.InCollection("users").Rename(from: "fullName", to: u =&gt; u.DisplayName);
/// }
/// </code>
/// </example>
public abstract class FieldMigration<TDocument>
{
    /// <summary>The stable id of the migration; it keys the persisted state, so never change it once deployed.</summary>
    public abstract string Id { get; }

    /// <summary>Describes the migration.</summary>
    /// <param name="migration">The builder to describe it with.</param>
    protected abstract void Configure(FieldMigrationBuilder<TDocument> migration);

    internal IFieldMigration<TDocument> Build()
    {
        var builder = new FieldMigrationBuilder<TDocument>(Id);
        Configure(builder);
        return FieldMigrationDescriptor<TDocument>.Create(builder);
    }
}
