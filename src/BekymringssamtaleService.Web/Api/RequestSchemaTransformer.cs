using System.Collections;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// Documents <see cref="RequestRules"/> on the request bodies' properties: every text gets its <c>maxLength</c> (the
/// property's own <c>[MaxLength]</c>, else the default) and a <c>pattern</c> that says which control characters it
/// refuses (free text allows line breaks and tabs), every list its <c>maxItems</c>. Response schemas are left alone.
/// </summary>
public sealed class RequestSchemaTransformer : IOpenApiSchemaTransformer
{
    private HashSet<Type>? _requestTypes;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        _requestTypes ??= RequestTypes(context.ApplicationServices.GetRequiredService<EndpointDataSource>());
        if (context.JsonPropertyInfo is not { } property || !_requestTypes.Contains(property.DeclaringType))
        {
            return Task.CompletedTask;
        }

        var attributes = property.AttributeProvider;
        if (property.PropertyType == typeof(string))
        {
            DescribeText(schema, RequestRules.MaxLengthOf(attributes, list: false), RequestRules.IsFreeText(attributes));
        }
        else if (property.PropertyType.IsAssignableTo(typeof(IList)))
        {
            schema.MaxItems ??= RequestRules.MaxLengthOf(attributes, list: true);
            if (schema.Items is OpenApiSchema items && ItemType(property.PropertyType) == typeof(string))
            {
                DescribeText(items, RequestRules.ShortText, freeText: false);
            }
        }

        return Task.CompletedTask;
    }

    private static void DescribeText(OpenApiSchema schema, int maxLength, bool freeText)
    {
        schema.MaxLength ??= maxLength;
        schema.Pattern ??= freeText ? RequestRules.FreeTextPattern : RequestRules.OneLinePattern;
    }

    /// <summary>The types of the API's request bodies and every type inside them.</summary>
    private static HashSet<Type> RequestTypes(EndpointDataSource endpoints)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(endpoints.Endpoints.SelectMany(endpoint => endpoint.Metadata)
            .Select(metadata => metadata switch
            {
                JsonRequestBody body => body.Type,
                IAcceptsMetadata { RequestType: { } type } => type,
                _ => null,
            })
            .OfType<Type>());
        while (pending.TryPop(out var type))
        {
            if (type.IsClass && type != typeof(string) && found.Add(type))
            {
                foreach (var property in ApiJson.Options.GetTypeInfo(type).Properties)
                {
                    pending.Push(ItemType(property.PropertyType) ?? property.PropertyType);
                }
            }
        }

        return found;
    }

    private static Type? ItemType(Type type) =>
        type.IsGenericType && type.IsAssignableTo(typeof(IList)) ? type.GetGenericArguments()[0] : null;
}
