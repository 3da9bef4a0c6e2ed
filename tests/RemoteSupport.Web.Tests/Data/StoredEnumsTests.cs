using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Tests.Data;

public sealed class StoredEnumsTests
{
    [Fact]
    public void A_joined_list_of_names_gives_its_values_in_stored_order()
    {
        Assert.Equal([RemoteReason.Homelessness, RemoteReason.Lockdown], StoredEnums.ParseList<RemoteReason>("Homelessness,Lockdown"));
    }

    [Fact]
    public void An_empty_list_or_a_name_the_code_no_longer_knows_gives_no_value_rather_than_an_error()
    {
        Assert.Empty(StoredEnums.ParseList<RemoteReason>(""));
        Assert.Empty(StoredEnums.ParseList<RemoteReason>(null));
        Assert.Equal([RemoteReason.Lockdown], StoredEnums.ParseList<RemoteReason>("Retired,Lockdown,42"));
    }
}
