using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Phases;

/// <summary>
/// The shape of a state document in the state collection, read strictly: a missing field or an unknown phase is a
/// <see cref="MigrationStateException"/>, never a default.
/// <code>{_id: id, phase: "DualWrite", version: 1, updatedAt: date, history: [{from, to, at, by, reason, version}]}</code>
/// </summary>
internal static class MigrationStateDocument
{
    public const string Phase = "phase";
    public const string Version = "version";
    public const string UpdatedAt = "updatedAt";
    public const string History = "history";

    public static BsonDocument Create(string migrationId, MigrationPhase phase, DateTimeOffset at, string by, string? reason) => new()
    {
        { "_id", migrationId },
        { Phase, phase.ToString() },
        { Version, 1L },
        { UpdatedAt, at.UtcDateTime },
        { History, new BsonArray { Entry(null, phase, at, by, reason, 1) } },
    };

    public static BsonDocument Entry(MigrationPhase? from, MigrationPhase to, DateTimeOffset at, string by, string? reason, long version) => new()
    {
        { "from", from is null ? BsonNull.Value : from.Value.ToString() },
        { "to", to.ToString() },
        { "at", at.UtcDateTime },
        { "by", by },
        { "reason", reason is null ? BsonNull.Value : reason },
        { "version", version },
    };

    public static MigrationState Parse(string migrationId, BsonDocument document)
    {
        try
        {
            var history = new List<PhaseTransition>();
            foreach (BsonValue entry in Required(migrationId, document, History, BsonType.Array).AsBsonArray)
            {
                if (!entry.IsBsonDocument)
                {
                    throw Corrupt(migrationId, $"a history entry is {entry.BsonType}, not a document");
                }

                BsonDocument e = entry.AsBsonDocument;
                BsonValue from = e.GetValue("from", BsonNull.Value);
                history.Add(new PhaseTransition(
                    from.IsBsonNull ? null : ParsePhase(migrationId, from),
                    ParsePhase(migrationId, Required(migrationId, e, "to", BsonType.String)),
                    new DateTimeOffset(Required(migrationId, e, "at", BsonType.DateTime).ToUniversalTime(), TimeSpan.Zero),
                    Required(migrationId, e, "by", BsonType.String).AsString,
                    e.GetValue("reason", BsonNull.Value) is { IsString: true } reason ? reason.AsString : null,
                    e.GetValue("version", 0L).ToInt64()));
            }

            BsonValue version = document.GetValue(Version, BsonNull.Value);
            if (!version.IsInt64 && !version.IsInt32)
            {
                throw Corrupt(migrationId, $"'{Version}' is {version.BsonType}, expected a 64-bit integer");
            }

            return new MigrationState(
                migrationId,
                ParsePhase(migrationId, Required(migrationId, document, Phase, BsonType.String)),
                version.ToInt64(),
                new DateTimeOffset(Required(migrationId, document, UpdatedAt, BsonType.DateTime).ToUniversalTime(), TimeSpan.Zero),
                history);
        }
        catch (InvalidCastException e)
        {
            throw new MigrationStateException(migrationId, $"The state document of migration '{migrationId}' is corrupted: {e.Message}", e);
        }
    }

    public static MigrationPhase ParsePhase(string migrationId, BsonValue value)
    {
        if (value.IsString && Enum.TryParse(value.AsString, ignoreCase: false, out MigrationPhase phase) && Enum.IsDefined(phase)
            && !int.TryParse(value.AsString, out _))
        {
            return phase;
        }

        throw Corrupt(migrationId, $"unknown phase {value.ToJson()} (expected one of {string.Join(", ", Enum.GetNames<MigrationPhase>())})");
    }

    private static BsonValue Required(string migrationId, BsonDocument document, string field, BsonType type)
    {
        if (!document.TryGetValue(field, out BsonValue value))
        {
            throw Corrupt(migrationId, $"the field '{field}' is missing");
        }

        return value.BsonType == type ? value : throw Corrupt(migrationId, $"'{field}' is {value.BsonType}, expected {type}");
    }

    private static MigrationStateException Corrupt(string migrationId, string problem) =>
        new(migrationId, $"The state document of migration '{migrationId}' is corrupted: {problem}. Fix or delete it in the state collection; the library will not guess a phase.");
}
