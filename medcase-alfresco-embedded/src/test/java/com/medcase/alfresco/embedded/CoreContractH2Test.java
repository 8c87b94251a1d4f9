package com.medcase.alfresco.embedded;

/** The core contract on the default H2 file database. */
class CoreContractH2Test extends CoreContract {
}
