namespace DevOpsVision.Samples.Web;

/// <summary>Matches page paths (no file extension), so feed files below a category stay the feed endpoint's.</summary>
internal sealed class PagePathConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        !values.TryGetValue(routeKey, out object? value) || value is not string path || !path.Contains('.', StringComparison.Ordinal);
}
