using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Docs;

// The code of docs/custom-migrations.md and docs/getting-started.md, compiled so the docs cannot rot.
#pragma warning disable SA1402, SA1649 // Several small doc types in one file, mirroring the docs page.

public sealed class DocsOrder
{
    public ObjectId Id { get; set; }

    [BsonElement("priceCents")]
    public long PriceCents { get; set; }
}

public sealed class DocsProject
{
    public ObjectId Id { get; set; }

    [BsonElement("ownerId")]
    public ObjectId OwnerId { get; set; }

    [BsonElement("ownerName")]
    public string OwnerName { get; set; } = "";
}

public sealed class OwnerNameResolver(IMongoDatabase database) : IDerivedValueResolver
{
    public async Task<IReadOnlyDictionary<BsonValue, BsonValue>> ResolveAsync(IReadOnlyList<BsonValue> keys, CancellationToken cancellationToken = default)
    {
        List<BsonDocument> owners = await database.GetCollection<BsonDocument>("users")
            .Find(new BsonDocument("_id", new BsonDocument("$in", new BsonArray(keys))))
            .Project(new BsonDocument("displayName", 1))
            .ToListAsync(cancellationToken);
        return owners.ToDictionary(o => o["_id"], o => o["displayName"]);
    }
}

public sealed class OrderPriceInCents : FieldMigration<DocsOrder>
{
    private static readonly BsonDocument ForwardExpression =
        new("$toLong", new BsonDocument("$round", new BsonArray { new BsonDocument("$multiply", new BsonArray { "$$old", 100 }) }));

    public override string Id => "2025-11-order-cents";

    protected override void Configure(FieldMigrationBuilder<DocsOrder> migration) => migration
        .InCollection("orders")
        .Convert(from: "price", to: o => o.PriceCents, forward: Forward, backward: Backward, forwardExpression: ForwardExpression)
        .WithIndexOnNewField("orders_priceCents");

    private static BsonValue Forward(BsonValue price) => (long)Math.Round(price.ToDouble() * 100);

    private static BsonValue Backward(BsonValue cents) => cents.ToInt64() / 100.0;
}

public sealed class DocsSnippetsTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public void OrderPriceInCents_Build_ConvertsBothWays()
    {
        IFieldMigration migration = new OrderPriceInCents().Build();

        Assert.Equal(("price", "priceCents", "orders_priceCents"), (migration.OldPath, migration.NewPath, migration.NewFieldIndexName));
        Assert.Equal(new BsonInt64(1999), migration.Forward(19.99));
        Assert.Equal(new BsonDouble(19.99), migration.Backward(1999L));
    }

    [Fact]
    public void DeriveSnippet_Build_UsesTheResolverAndKeepsTheSource()
    {
        var builder = new FieldMigrationBuilder<DocsProject>("2025-11-project-ownername");
        builder.InCollection("projects").Derive<OwnerNameResolver>(from: "ownerId", to: p => p.OwnerName);

        IFieldMigration migration = FieldMigrationDescriptor<DocsProject>.Create(builder);

        Assert.Equal((FieldMigrationKind.Derive, typeof(OwnerNameResolver)), (migration.Kind, migration.ResolverType));
    }

    [Fact]
    public async Task OwnerNameResolver_ResolvesAWholeBatchInOneQuery()
    {
        ObjectId ada = ObjectId.GenerateNewId(), alan = ObjectId.GenerateNewId();
        await fixture.Database.GetCollection<BsonDocument>("users").InsertManyAsync(
        [
            new BsonDocument { { "_id", ada }, { "displayName", "Ada" } },
            new BsonDocument { { "_id", alan }, { "displayName", "Alan" } },
        ]);

        IReadOnlyDictionary<BsonValue, BsonValue> names = await new OwnerNameResolver(fixture.Database).ResolveAsync([ada, alan, ObjectId.GenerateNewId()]);

        Assert.Equal(2, names.Count);
        Assert.Equal("Ada", names[ada].AsString);
        Assert.Equal("Alan", names[alan].AsString);
    }
}
