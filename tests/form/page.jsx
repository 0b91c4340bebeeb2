// The answers questionnaire as a form tool renders it: react-jsonschema-form with the Ajv
// 2020-12 validator, fed the committed schema unmodified.
import React from 'react';
import { createRoot } from 'react-dom/client';
import Form from '@rjsf/core';
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../schema/answers.schema.json';

const validator = customizeValidator({ AjvClass: Ajv2020 });

function App() {
  const [formData, setFormData] = React.useState(window.__initial ?? {});
  return (
    <Form
      schema={schema}
      validator={validator}
      formData={formData}
      onChange={(e) => setFormData(e.formData)}
      onSubmit={(e) => {
        window.__submitted = e.formData;
      }}
      onError={(errors) => {
        window.__errors = errors.map((x) => x.stack);
      }}
      showErrorList="top"
      noHtml5Validate
      experimental_defaultFormStateBehavior={{ emptyObjectFields: 'skipEmptyDefaults', constAsDefaults: 'never' }}
    />
  );
}

createRoot(document.getElementById('root')).render(<App />);
