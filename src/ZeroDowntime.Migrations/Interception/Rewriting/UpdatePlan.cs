using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>A rewritten update and the migrations whose new field must be materialized on the matched documents first.</summary>
/// <param name="Update">The update to send: an operator document or a pipeline (<see cref="BsonArray"/>).</param>
/// <param name="MaterializeFirst">Migrations whose new field the caller must first copy from the old one
/// (<c>new = forward(old)</c> where new is missing) on the documents the filter matches, because the update's result
/// depends on the current value of the new field.</param>
internal sealed record UpdatePlan(BsonValue Update, IReadOnlyList<IFieldMigration> MaterializeFirst);
