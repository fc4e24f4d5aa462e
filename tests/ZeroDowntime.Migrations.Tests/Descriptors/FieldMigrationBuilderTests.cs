using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ZeroDowntime.Migrations.Tests.Descriptors;

public sealed class FieldMigrationBuilderTests
{
    [Fact]
    public void Create_Rename_ResolvesNewPathThroughClassMap()
    {
        IFieldMigration migration = Build<BuilderUser>("m1", m => m.InCollection("users").Rename(from: "fullName", to: u => u.DisplayName));

        Assert.Equal("fullName", migration.OldPath);
        Assert.Equal("displayName", migration.NewPath);
        Assert.Equal(FieldMigrationKind.Rename, migration.Kind);
        Assert.Equal("users", migration.CollectionName);
        Assert.Equal(new BsonString("x"), migration.Forward("x"));
        Assert.Equal(new BsonString("x"), migration.Backward("x"));
        Assert.Equal(new BsonString("$$old"), migration.ForwardExpression);
        Assert.True(migration.HasBackward);
    }

    [Fact]
    public void Create_DottedOldPathAndNestedNewMember_ResolvesBothPaths()
    {
        IFieldMigration migration = Build<BuilderUser>("m2", m => m.InCollection("users").Rename(from: "profile.name", to: u => u.Settings.Nickname));

        Assert.Equal("profile.name", migration.OldPath);
        Assert.Equal("settings.nick", migration.NewPath);
    }

    [Fact]
    public void Create_Convert_UsesDelegatesAndExpression()
    {
        IFieldMigration migration = Build<BuilderUser>("m3", m => m.InCollection("users").Convert(
            "ageText", u => u.Age, forward: v => int.Parse(v.AsString, System.Globalization.CultureInfo.InvariantCulture), backward: v => v.ToString()!,
            forwardExpression: new BsonDocument("$toInt", "$$old")));

        Assert.Equal(new BsonInt32(42), migration.Forward("42"));
        Assert.Equal(new BsonString("42"), migration.Backward(42));
        Assert.Equal(new BsonDocument("$toInt", "$$old"), migration.ForwardExpression);
    }

    [Fact]
    public void Create_Derive_KeepsResolverTypeAndHasNoForward()
    {
        IFieldMigration migration = Build<BuilderUser>("m4", m => m.InCollection("projects").Derive<NullResolver>("ownerId", u => u.DisplayName));

        Assert.Equal(typeof(NullResolver), migration.ResolverType);
        Assert.Null(migration.ForwardExpression);
        Assert.False(migration.HasBackward);
        Assert.Throws<InvalidOperationException>(() => migration.Forward(1));
    }

    [Fact]
    public void Create_WithIndexOnNewField_NamesIndexAfterNewPath()
    {
        IFieldMigration migration = Build<BuilderUser>("m5", m => m.InCollection("users").Rename("fullName", u => u.DisplayName).WithIndexOnNewField());

        Assert.Equal("zdm_displayName", migration.NewFieldIndexName);
    }

    public static TheoryData<string, string> InvalidDescriptors() => new()
    {
        { "no-collection", "no collection" },
        { "no-kind", "no field change" },
        { "two-kinds", "only one of Rename, Convert or Derive" },
        { "empty-old", "the old path is empty" },
        { "identical", "identical" },
        { "dollar-old", "'$'-prefixed name" },
        { "empty-segment", "empty segment" },
        { "overlap", "overlap" },
        { "id-field", "_id is immutable" },
        { "convert-no-forward", "needs a forward conversion" },
        { "expression-without-old", "never uses the old value" },
        { "expression-with-literal-old", "never uses the old value" },
        { "bad-collection", "not a valid collection name" },
        { "unmapped-member", "is not mapped" },
    };

    [Theory]
    [MemberData(nameof(InvalidDescriptors))]
    public void Create_InvalidDescriptor_IsRefusedNamingMigrationAndRule(string id, string rule)
    {
        Action<FieldMigrationBuilder<BuilderUser>> configure = id switch
        {
            "no-collection" => m => m.Rename("fullName", u => u.DisplayName),
            "no-kind" => m => m.InCollection("users"),
            "two-kinds" => m => m.InCollection("users").Rename("fullName", u => u.DisplayName).Rename("other", u => u.Age),
            "empty-old" => m => m.InCollection("users").Rename("", u => u.DisplayName),
            "identical" => m => m.InCollection("users").Rename("displayName", u => u.DisplayName),
            "dollar-old" => m => m.InCollection("users").Rename("$fullName", u => u.DisplayName),
            "empty-segment" => m => m.InCollection("users").Rename("profile..name", u => u.DisplayName),
            "overlap" => m => m.InCollection("users").Rename("displayName.old", u => u.DisplayName),
            "id-field" => m => m.InCollection("users").Rename("_id", u => u.DisplayName),
            "convert-no-forward" => m => m.InCollection("users").Convert("ageText", u => u.Age, forward: null!),
            "expression-without-old" => m => m.InCollection("users").Convert("ageText", u => u.Age, v => v, v => v, new BsonDocument("$toInt", "$other")),
            "expression-with-literal-old" => m => m.InCollection("users").Convert("ageText", u => u.Age, v => v, v => v, new BsonDocument("$toInt", new BsonDocument("$literal", "$$old"))),
            "bad-collection" => m => m.InCollection("a$b").Rename("fullName", u => u.DisplayName),
            "unmapped-member" => m => m.InCollection("users").Rename("fullName", u => u.Ignored!),
            _ => throw new ArgumentOutOfRangeException(nameof(id)),
        };

        MigrationValidationException error = Assert.Throws<MigrationValidationException>(() => Build("bad-" + id, configure));

        Assert.Equal("bad-" + id, error.MigrationId);
        Assert.Contains("bad-" + id, error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EmptyId_IsRefused()
    {
        MigrationValidationException error = Assert.Throws<MigrationValidationException>(() =>
            Build<BuilderUser>(" ", m => m.InCollection("users").Rename("fullName", u => u.DisplayName)));

        Assert.Contains("id must not be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ClassBasedMigration_ProducesSameDescriptorAsFluent()
    {
        IFieldMigration fromClass = new BuilderUserRename().Build();
        IFieldMigration fluent = Build<BuilderUser>("class-based", m => m.InCollection("users").Rename("fullName", u => u.DisplayName));

        Assert.Equal((fluent.Id, fluent.CollectionName, fluent.OldPath, fluent.NewPath, fluent.Kind), (fromClass.Id, fromClass.CollectionName, fromClass.OldPath, fromClass.NewPath, fromClass.Kind));
    }

    private static IFieldMigration<T> Build<T>(string id, Action<FieldMigrationBuilder<T>> configure)
    {
        var builder = new FieldMigrationBuilder<T>(id);
        configure(builder);
        return FieldMigrationDescriptor<T>.Create(builder);
    }

    private sealed class BuilderUserRename : FieldMigration<BuilderUser>
    {
        public override string Id => "class-based";

        protected override void Configure(FieldMigrationBuilder<BuilderUser> migration) =>
            migration.InCollection("users").Rename("fullName", u => u.DisplayName);
    }

    private sealed class NullResolver : IDerivedValueResolver
    {
        public Task<IReadOnlyDictionary<BsonValue, BsonValue>> ResolveAsync(IReadOnlyList<BsonValue> keys, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<BsonValue, BsonValue>>(new Dictionary<BsonValue, BsonValue>());
    }

    public sealed class BuilderUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";

        [BsonElement("age")]
        public int Age { get; set; }

        [BsonElement("settings")]
        public BuilderSettings Settings { get; set; } = new();

        [BsonIgnore]
        public string? Ignored { get; set; }
    }

    public sealed class BuilderSettings
    {
        [BsonElement("nick")]
        public string Nickname { get; set; } = "";
    }
}
