package org.newplos.portal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a member may change of their details themselves (their email address goes through a link). */
record DetailsForm(
        @NotBlank(message = "Your name is needed on invoices") @Size(max = 200)
        String fullName,

        @Size(max = 50) String phone,
        @Size(max = 200) String company,
        @Size(max = 1000) String billingAddress) {

    DetailsForm {
        fullName = fullName == null ? "" : fullName.strip();
        phone = phone == null ? "" : phone.strip();
        company = company == null ? "" : company.strip();
        billingAddress = billingAddress == null ? "" : billingAddress.strip().replace("\r\n", "\n");
    }

    static DetailsForm of(Account account) {
        return new DetailsForm(account.fullName(), account.phone(), account.company(), account.billingAddress());
    }
}
