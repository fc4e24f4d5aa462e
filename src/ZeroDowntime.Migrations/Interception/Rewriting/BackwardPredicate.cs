using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Maps equality conditions on a converted field onto the old field through <c>backward</c>, for conversions without
/// a forward expression. <c>forward(o) == v</c> is taken to hold exactly when <c>o == backward(v)</c>. That is true
/// when <c>backward ∘ forward</c> is the identity on the stored old values and the conversion maps values MongoDB
/// considers equal (e.g. <c>1</c> and <c>1.0</c>) to equal values and arrays element-wise; a conversion that is not
/// such a bijection must provide a forward expression instead. A value outside the image of <c>forward</c> (where
/// <c>forward(backward(v)) != v</c>) matches no old value.
/// </summary>
internal static class BackwardPredicate
{
    /// <summary>The condition as a filter on the old field of documents where it is present.</summary>
    public static FilterTerm Build(BsonValue condition, ActiveMigration migration)
    {
        if (!QueryConditions.IsOperatorDocument(condition))
        {
            return Equal(condition, migration, "$eq");
        }

        var terms = new List<FilterTerm>();
        foreach (BsonElement element in condition.AsBsonDocument)
        {
            BsonValue v = element.Value;
            terms.Add(element.Name switch
            {
                "$eq" => Equal(v, migration, "$eq"),
                "$ne" => FilterTerm.Not(Equal(v, migration, "$ne")),
                "$in" when v is BsonArray list => In(list, migration, "$in"),
                "$nin" when v is BsonArray list => FilterTerm.Not(In(list, migration, "$nin")),
                "$exists" => FilterTerm.Of(QueryConditions.IsTruthy(v)),
                "$not" when QueryConditions.IsOperatorDocument(v) => FilterTerm.Not(Build(v, migration)),
                _ => throw migration.Refuse(element.Name,
                    $"the conversion of '{migration.OldPath}' into '{migration.NewPath}' has no forward aggregation expression, so only equality, $in, $ne, $nin and $exists can be mapped onto the old field (through backward). Give Convert a forwardExpression, or wait for SwitchRead."),
            });
        }

        return FilterTerm.And([.. terms]);
    }

    private static FilterTerm Equal(BsonValue v, ActiveMigration migration, string op) =>
        OldValue(v, migration, op) is { } old ? FilterTerm.Of(new BsonDocument(migration.OldPath, old)) : FilterTerm.False;

    private static FilterTerm In(BsonArray list, ActiveMigration migration, string op)
    {
        var olds = new BsonArray();
        foreach (BsonValue v in list)
        {
            if (OldValue(v, migration, op) is { } old)
            {
                olds.Add(old);
            }
        }

        return olds.Count == 0 ? FilterTerm.False : FilterTerm.Of(new BsonDocument(migration.OldPath, new BsonDocument("$in", olds)));
    }

    /// <summary>backward(v) when forward maps it back onto v; null when no old value converts to v.</summary>
    private static BsonValue? OldValue(BsonValue v, ActiveMigration migration, string op)
    {
        if (v is BsonRegularExpression || QueryConditions.IsOperatorDocument(v))
        {
            throw migration.Refuse(op, $"a pattern or operator cannot be mapped through the backward conversion of '{migration.NewPath}'.");
        }

        if (!migration.Migration.HasBackward)
        {
            throw migration.Refuse(op, CoalesceStage.NotExpressibleReason(migration.Migration) + " Nor has it a backward conversion to map equality through.");
        }

        BsonValue old;
        BsonValue roundTrip;
        try
        {
            old = migration.Migration.Backward(v);
            roundTrip = migration.Migration.Forward(old);
        }
        catch (Exception e) when (e is not ZeroDowntimeMigrationException)
        {
            throw migration.Refuse(op, $"converting {v} back to the old shape failed: {e.Message}");
        }

        bool sameBracket = roundTrip.BsonType == v.BsonType || (roundTrip.IsNumeric && v.IsNumeric);
        return sameBracket && roundTrip.CompareTo(v) == 0 ? old : null;
    }
}
