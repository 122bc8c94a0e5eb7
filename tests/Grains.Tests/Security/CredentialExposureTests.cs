using System.Reflection;
using Instagram.Grains.Users;

namespace Instagram.Grains.Tests.Security;

/// <summary>
/// Any process that joins the cluster as a client can call any grain method, so none may hand out a password hash:
/// the hashes stay inside <see cref="IUserGrain"/>, which only says whether a password matches.
/// </summary>
public sealed class CredentialExposureTests
{
    [Fact]
    public void NoGrainMethodReturnsAPasswordHash()
    {
        var grainInterfaces = typeof(IUserGrain).Assembly.GetTypes().Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t));
        var leaks = new List<string>();
        foreach (var method in grainInterfaces.SelectMany(i => i.GetMethods()))
        {
            var returned = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : method.ReturnType;
            if (method.Name.Contains("PasswordHash", StringComparison.OrdinalIgnoreCase)
                || returned.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.Name.Contains("PasswordHash", StringComparison.OrdinalIgnoreCase)))
            {
                leaks.Add($"{method.DeclaringType!.Name}.{method.Name}");
            }
        }

        Assert.Empty(leaks);
    }
}
