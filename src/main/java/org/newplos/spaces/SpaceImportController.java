package org.newplos.spaces;

import org.newplos.common.UiController;
import org.newplos.csv.CsvImportController;
import org.springframework.web.bind.annotation.RequestMapping;

/** Upload spaces as CSV ({@link SpaceImport}), with a report per row; nothing is written unless every row is valid. */
@UiController
@RequestMapping("/spaces")
class SpaceImportController extends CsvImportController {

    SpaceImportController(SpaceImport importer) {
        super(
                "spaces",
                "Import spaces",
                SpaceImport.KNOWN,
                "code,name,type,capacity,monthly_rate,location,active\n"
                        + "D-12,Window desk,DESK,1,180.00,1st floor,true",
                importer::run);
    }
}
