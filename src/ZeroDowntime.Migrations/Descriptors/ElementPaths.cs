using System.Linq.Expressions;
using System.Reflection;
using MongoDB.Bson.Serialization;

namespace ZeroDowntime.Migrations;

/// <summary>
/// Turns a member expression (<c>u =&gt; u.Profile.DisplayName</c>) into the element path the class maps give it
/// (<c>profile.displayName</c>), without looking up the document's serializer (which would freeze it before the
/// migration serializer is registered).
/// </summary>
internal static class ElementPaths
{
    public static string Resolve(string migrationId, Type documentType, LambdaExpression member)
    {
        var chain = new Stack<MemberInfo>();
        Expression? current = member.Body;
        while (current is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } unary)
        {
            current = unary.Operand;
        }

        while (current is MemberExpression access)
        {
            chain.Push(access.Member);
            current = access.Expression;
        }

        if (current is not ParameterExpression || chain.Count == 0)
        {
            throw new MigrationValidationException(migrationId, $"the new field must be a member access such as 'd => d.Name', not '{member}'.");
        }

        var parts = new List<string>();
        Type type = documentType;
        foreach (MemberInfo info in chain)
        {
            BsonClassMap classMap = BsonClassMap.LookupClassMap(type);
            BsonMemberMap? memberMap = classMap.AllMemberMaps.FirstOrDefault(m => m.MemberInfo.Name == info.Name);
            if (memberMap is null)
            {
                throw new MigrationValidationException(migrationId, $"{type.Name}.{info.Name} is not mapped to a document element (is it ignored?).");
            }

            parts.Add(memberMap.ElementName);
            type = memberMap.MemberType;
        }

        return string.Join('.', parts);
    }
}
