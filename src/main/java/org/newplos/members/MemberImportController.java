package org.newplos.members;

import org.newplos.common.UiController;
import org.newplos.csv.CsvImportController;
import org.springframework.web.bind.annotation.RequestMapping;

/** Upload members as CSV ({@link MemberImport}), with a report per row; nothing is written unless every row is valid. */
@UiController
@RequestMapping("/members")
class MemberImportController extends CsvImportController {

    MemberImportController(MemberImport importer) {
        super(
                "members",
                "Import members",
                MemberImport.KNOWN,
                "full_name,email,phone,company,status,plan,joined_on,notes\n"
                        + "Ada Lovelace,ada@example.com,+44 20 7946 0000,Analytical Engines,ACTIVE,,2026-01-15,",
                importer::run);
    }
}
