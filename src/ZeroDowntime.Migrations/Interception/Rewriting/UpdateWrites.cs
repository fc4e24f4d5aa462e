namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>What one update does to one migration's new field, for materializing and upsert seeding.</summary>
internal sealed class UpdateWrites
{
    public bool Any => FirstOperator is not null;

    public string? FirstOperator { get; private set; }

    /// <summary>The result depends on the stored value of the new field (e.g. <c>$inc</c>, or <c>$set</c> of a part of it).</summary>
    public bool NeedsMaterializing { get; private set; }

    /// <summary>Every write replaces or removes the whole new field, so its result does not depend on what was there.</summary>
    public bool SetsWholeField { get; private set; } = true;

    public void Record(string op, PathRelation relation)
    {
        FirstOperator ??= op;
        bool whole = relation is PathRelation.Same or PathRelation.Ancestor
            && op is "$set" or "$setOnInsert" or "$unset" or "$currentDate" or "$addFields";
        if (!whole)
        {
            SetsWholeField = false;
        }

        // Removing part of a missing new field is a no-op on both fields, so only other partial writes need the value.
        if (!whole && !(op == "$unset" && relation == PathRelation.Descendant))
        {
            NeedsMaterializing = true;
        }
    }
}
