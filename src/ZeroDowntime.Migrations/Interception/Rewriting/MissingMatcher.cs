using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Whether a query condition matches a document in which the field is missing (as <c>value(d)</c> is when neither
/// field is present): <c>{f: null}</c>, <c>{$exists: false}</c>, <c>$ne</c>, <c>$nin</c>, <c>$not</c> and <c>$all</c> of nulls do.
/// </summary>
internal static class MissingMatcher
{
    public static bool Matches(BsonValue condition, ActiveMigration migration)
    {
        if (!QueryConditions.IsOperatorDocument(condition))
        {
            return condition.IsBsonNull;
        }

        foreach (BsonElement element in condition.AsBsonDocument)
        {
            BsonValue v = element.Value;
            bool matches = element.Name switch
            {
                "$eq" => v.IsBsonNull,
                "$ne" => !v.IsBsonNull,
                "$in" when v is BsonArray list => list.Any(e => e.IsBsonNull),
                "$nin" when v is BsonArray list => !list.Any(e => e.IsBsonNull),
                "$gte" or "$lte" => v.IsBsonNull,
                "$exists" => !QueryConditions.IsTruthy(v),
                "$not" when v is BsonRegularExpression => true,
                "$not" => !Matches(v, migration),
                "$options" => true,
                // {$all: [null, ...]} is an $and of equalities: it matches a missing field when every element is null.
                "$all" when v is BsonArray list => list.Count > 0 && list.All(e => e.IsBsonNull),
                "$gt" or "$lt" or "$type" or "$size" or "$all" or "$regex" or "$elemMatch" or "$mod" => false,
                _ => throw migration.Refuse(element.Name,
                    $"{element.Name} on the converted field '{migration.NewPath}' is not supported before SwitchRead."),
            };
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }
}
